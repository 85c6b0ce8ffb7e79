package dev.cartwright.examples.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.examples.api.ApiClient;
import dev.cartwright.examples.api.ApiHost;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three services started in-process on free ports, each on its own database, walked with a real HTTP client as
 * a shop's front end would: each call to the service that owns it. Subclasses choose the databases.
 */
abstract class MicroservicesJourneyContract {

    static final String ADMIN = "journey-admin-token";
    static final String SERVICE = "journey-service-token";

    private Microservices services;
    private ApiClient users;
    private ApiClient products;
    private ApiClient orders;

    /**
     * @param service {@code user-service}, {@code product-service} or {@code order-service}
     * @return the JDBC URL of a database of that service's own, empty for this test
     */
    protected abstract String databaseUrl(String service);

    @BeforeEach
    void start() {
        services = Microservices.start(settings(UserService.NAME), settings(ProductService.NAME),
                settings(OrderService.NAME).withTokens(ADMIN, SERVICE));
        users = new ApiClient(host(services.users()));
        products = new ApiClient(host(services.products()));
        orders = new ApiClient(host(services.orders()));
    }

    /** Runs after the services stopped: drop what the databases hold, if anything. */
    protected void cleanUp() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        cleanUp();
    }

    private ServiceSettings settings(String service) {
        return ServiceSettings.defaults(0).withPort(0).withDatabaseUrl(databaseUrl(service)).withTokens(ADMIN, null)
                .withPasswordIterations(1_000);
    }

    static ApiHost host(RunningService service) {
        return new ApiHost() {
            @Override
            public URI baseUri() {
                return service.url();
            }

            @Override
            public String adminToken() {
                return ADMIN;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aCustomerRegistersLogsInAndOrdersAcrossTheServices() {
        ApiClient.Customer ada = users.customer("Ada");
        assertThat(users.get("/users/me").token(ada.token()).send().json().path("id").asText()).isEqualTo(ada.id());

        JsonNode catalog = products.get("/products").send().json();
        assertThat(catalog.size()).isPositive();
        String mug = products.productId("MUG-1");
        long before = available(mug);

        ApiClient.Reply placed = orders.post("/orders").token(ada.token()).header("X-Request-Id", "journey-1")
                .json("{\"userId\": \"" + ada.id() + "\", \"products\": [{\"id\": \"" + mug + "\", \"quantity\": 2}]}")
                .send();
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        assertThat(placed.header("X-Request-Id")).contains("journey-1");
        JsonNode order = placed.json();
        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.path("lines").get(0).path("sku").asText()).isEqualTo("MUG-1");
        assertThat(order.path("lines").get(0).path("unitPrice").decimalValue()).isEqualByComparingTo("12.50");

        assertThat(available(mug)).as("product-service sold the units").isEqualTo(before - 2);
        JsonNode stock = products.get("/admin/products/" + mug + "/stock").admin().send().json();
        assertThat(stock.path("sold").asLong()).isEqualTo(2);
        assertThat(stock.path("reserved").asLong()).isZero();

        JsonNode mine = orders.get("/orders").token(ada.token()).send().json();
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).path("id").asText()).isEqualTo(order.path("id").asText());
    }

    @Test
    void aCartIsFilledAndCheckedOutAtOrderService() {
        ApiClient.Customer grace = users.customer("Grace");
        String tee = products.productId("TEE-1");
        long before = available(tee);
        JsonNode cart = orders.post("/carts").token(grace.token()).send().json();
        String cartId = cart.path("id").asText();
        ApiClient.Reply added = orders.post("/carts/" + cartId + "/lines").token(grace.token())
                .json("{\"productId\": \"" + tee + "\", \"quantity\": 1}").send();
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        ApiClient.Reply checkedOut = orders.post("/carts/" + cartId + "/checkout").token(grace.token())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json("{\"shippingAddress\":{\"name\":\"Grace\",\"line1\":\"Unter den Linden 5\",\"city\":\"Berlin\","
                        + "\"postalCode\":\"10117\",\"country\":\"DE\"},\"shippingOption\":\"standard\","
                        + "\"paymentToken\":\"tok_visa\"}")
                .send();
        assertThat(checkedOut.status()).as(checkedOut.text()).isEqualTo(201);
        assertThat(checkedOut.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(available(tee)).isEqualTo(before - 1);
    }

    @Test
    void orderServiceKnowsCustomersOnlyThroughUserService() {
        ApiClient.Customer ada = users.customer("Ada");
        assertThat(orders.get("/orders").token("not-a-session").send().problem(401, "UNAUTHENTICATED")).isNotNull();
        assertThat(orders.get("/orders").token(ada.token()).send().status()).isEqualTo(200);
        assertThat(orders.get("/users/me").token(ada.token()).send().status())
                .as("accounts are user-service's routes").isEqualTo(404);
        assertThat(users.get("/orders").token(ada.token()).send().status())
                .as("orders are order-service's routes").isEqualTo(404);
    }

    @Test
    void stockRoutesAreForServicesOnly() {
        String body = "{\"until\": \"2099-01-01T00:00:00Z\", \"quantities\": {\"MUG-1\": 1}}";
        assertThat(products.call("PUT", "/stock/holds/k1").json(body).send().problem(401, "UNAUTHENTICATED"))
                .isNotNull();
        assertThat(products.call("PUT", "/stock/holds/k1").admin().json(body).send().problem(403, "FORBIDDEN"))
                .as("the admin token is not the service token").isNotNull();
        assertThat(products.get("/internal/products?sku=MUG-1").admin().send().problem(403, "FORBIDDEN")).isNotNull();
    }

    @Test
    void healthListsDependenciesAndMetricsTimeTheRemoteCalls() {
        JsonNode health = orders.get("/health").send().json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("dependencies").path("user-service").asText()).isEqualTo("UP");
        assertThat(health.path("dependencies").path("product-service").asText()).isEqualTo("UP");

        ApiClient.Customer ada = users.customer("Ada");
        orders.get("/orders").token(ada.token()).send();
        String metrics = orders.get("/metrics").send().text();
        assertThat(metrics).contains("cartwright_remote_calls_seconds_count{operation=\"introspect\",outcome=\"ok\","
                + "target=\"user-service\"}");

        services.users().close();
        JsonNode degraded = orders.get("/health").send().json();
        assertThat(degraded.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(degraded.path("dependencies").path("user-service").asText()).isEqualTo("DOWN");
        ApiClient.Customer unknown = new ApiClient.Customer(ada.id(), ada.email(), "another-token");
        ApiClient.Reply refused = orders.get("/orders").token(unknown.token()).send();
        assertThat(refused.problem(503, "SERVICE_UNAVAILABLE")).isNotNull();
        assertThat(refused.header("Retry-After")).isPresent();
    }

    private long available(String productId) {
        return products.get("/products/" + productId).send().json().path("available").asLong();
    }
}
