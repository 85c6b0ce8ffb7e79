package dev.cartwright.examples.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.examples.serverless.TestFunction.Reply;
import dev.cartwright.examples.serverless.TestFunction.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shipped sample event of one payload version through one warm function, in an order where each answers as
 * its route does when all goes well; the ids and tokens an event needs ({@code {{productId}}}, {@code {{token}}}
 * ...) are taken from the answers before it.
 */
abstract class SampleEventsTest {

    private static final Set<String> USED = new LinkedHashSet<>();
    private final TestFunction function = new TestFunction();
    private final Map<String, String> values = new HashMap<>();

    abstract Version version();

    @BeforeAll
    static void forget() {
        USED.clear();
    }

    @AfterAll
    static void everySampleWasSent() throws IOException {
        // Checked per class: the subclass's folder is the one the walk used.
        if (USED.isEmpty()) {
            return;
        }
        String folder = USED.iterator().next().split("/")[0];
        try (Stream<Path> files = Files.list(TestFunction.EVENTS.resolve(folder))) {
            List<String> shipped = files.map(file -> folder + "/" + file.getFileName().toString().replace(".json", ""))
                    .toList();
            assertThat(USED).containsAll(shipped);
        }
    }

    private Reply send(String name) {
        USED.add(version().folder + "/" + name);
        return function.invoke(TestFunction.sample(version(), name, values));
    }

    @Test
    void everyRouteOfTheTableHasASampleEvent() {
        for (String route : function.api.routes()) {
            Path file = TestFunction.EVENTS.resolve(version().folder).resolve(TestFunction.sampleName(route) + ".json");
            assertThat(file).as(route).exists();
            JsonNode event = new Reply(200, Map.of(), TestFunction.read(file)).json();
            String method = route.split(" ")[0];
            if (version() == Version.V1) {
                assertThat(event.get("httpMethod").asText()).isEqualTo(method);
                assertThat(event.get("resource").asText()).isEqualTo(route.split(" ")[1]);
            } else {
                assertThat(event.get("requestContext").get("http").get("method").asText()).isEqualTo(method);
                assertThat(event.get("routeKey").asText()).isEqualTo(route);
            }
        }
    }

    @Test
    void everySampleEventAnswersAsItsRouteDoes() {
        assertThat(send("get-health").expect(200).json().get("status").asText()).isEqualTo("UP");
        Reply metrics = send("get-metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));

        Reply products = send("get-products").expect(200);
        String gatewayId = new Reply(200, Map.of(), TestFunction.sample(version(), "get-products", values)).json()
                .get("requestContext").get("requestId").asText();
        assertThat(products.header("X-Request-Id")).as("API Gateway's request id").contains(gatewayId);
        assertThat(products.skus()).contains("MUG-1", "TEE-1", "BOOK-1", "POSTER-1");
        Map<String, String> ids = new HashMap<>();
        products.json().forEach(product -> ids.put(product.get("sku").asText(), product.get("id").asText()));
        values.put("productId", ids.get("MUG-1"));
        assertThat(send("get-products-id").expect(200).json().get("sku").asText()).isEqualTo("MUG-1");
        assertThat(send("get-products-stage-prefix").expect(200).skus()).containsExactly("MUG-1");
        Reply multi = send("get-products-multi-value").expect(200);
        assertThat(multi.skus()).as("the first of category=books&category=kitchen").containsExactly("BOOK-1");
        assertThat(multi.header("X-Request-Id")).contains("first-id");

        Reply registered = send("post-users").expect(201);
        assertThat(registered.json().get("email").asText()).isEqualTo("ada@example.com");
        assertThat(registered.header("Location")).contains("/users/me");
        JsonNode session = send("post-sessions").expect(201).json();
        values.put("token", session.get("token").asText());
        values.put("userId", session.get("userId").asText());
        assertThat(send("get-users-me").expect(200).json().get("name").asText()).isEqualTo("Ada Lovelace");

        Reply cart = send("post-carts").expect(201);
        values.put("cartId", cart.json().get("id").asText());
        values.put("cartSecret", cart.header("Cart-Secret").orElseThrow());
        assertThat(send("get-carts-id").expect(200).json().get("lines")).isEmpty();
        assertThat(send("post-carts-id-lines").expect(200).json().get("lines").get(0).get("quantity").asLong())
                .isEqualTo(2);
        assertThat(send("patch-carts-id-lines-productid").expect(200).json().get("lines").get(0).get("quantity")
                .asLong()).isEqualTo(3);
        assertThat(send("delete-carts-id-lines-productid").expect(200).json().get("lines")).isEmpty();
        send("post-carts-id-lines").expect(200);
        assertThat(send("post-carts-id-promotion-codes").expect(200).toString()).contains("WELCOME10");
        assertThat(send("delete-carts-id-promotion-codes-code").expect(200).body()).doesNotContain("WELCOME10");
        JsonNode guestOrder = send("post-carts-id-checkout").expect(201).json();
        assertThat(guestOrder.get("status").asText()).isEqualTo("CONFIRMED");

        JsonNode order = send("post-orders").expect(201).json();
        values.put("orderId", order.get("id").asText());
        assertThat(send("get-orders").expect(200).json().get(0).get("id").asText()).isEqualTo(values.get("orderId"));
        assertThat(send("get-orders-id").expect(200).json().get("id").asText()).isEqualTo(values.get("orderId"));
        assertThat(send("get-admin-orders-id").expect(200).json().get("id").asText()).isEqualTo(values.get("orderId"));
        send("post-admin-orders-id-capture").expect(200);
        send("post-admin-orders-id-fulfilment").expect(200);
        send("post-admin-orders-id-delivered").expect(200);
        send("post-admin-orders-id-refunds").expect(200);

        values.put("orderId", placeDeclinedOrder());
        assertThat(send("post-orders-id-payments").expect(200).json().get("status").asText()).isEqualTo("CONFIRMED");
        values.put("orderId", send("post-orders").expect(201).json().get("id").asText());
        assertThat(send("post-orders-id-cancel").expect(200).json().get("status").asText()).isEqualTo("CANCELLED");
        values.put("orderId", send("post-orders").expect(201).json().get("id").asText());
        assertThat(send("post-admin-orders-id-cancel").expect(200).json().get("status").asText()).isEqualTo("CANCELLED");

        Reply created = send("post-admin-products").expect(201);
        values.put("productId", created.json().get("id").asText());
        assertThat(send("patch-admin-products-id").expect(200).json().get("price").decimalValue())
                .isEqualByComparingTo("16.50");
        long onHand = send("get-admin-products-id-stock").expect(200).json().get("onHand").asLong();
        assertThat(send("post-admin-products-id-stock").expect(200).json().get("onHand").asLong()).isEqualTo(onHand + 5);
        send("post-admin-products-id-archive").expect(200);

        Reply another = send("post-carts").expect(201);
        values.put("cartId", another.json().get("id").asText());
        values.put("cartSecret", another.header("Cart-Secret").orElseThrow());
        assertThat(send("post-carts-id-merge").expect(200).json().get("userId").asText())
                .isEqualTo(values.get("userId"));
        send("delete-sessions-current").expect(204);
        send("get-users-me").expect(401);
    }

    /** @return the id of an order of the logged-in customer whose card was declined */
    private String placeDeclinedOrder() {
        String body = "{\"userId\":\"" + values.get("userId") + "\",\"products\":[{\"id\":\"" + values.get("productId")
                + "\",\"quantity\":1}],\"paymentToken\":\"tok_decline\"}";
        Reply declined = function.invoke(TestFunction.event(version(), "POST", "/orders", body,
                "Authorization", "Bearer " + values.get("token"), "Content-Type", "application/json"));
        assertThat(declined.expect(201).json().get("paymentStatus").asText()).isEqualTo("DECLINED");
        return declined.json().get("id").asText();
    }
}
