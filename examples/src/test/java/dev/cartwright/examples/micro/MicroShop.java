package dev.cartwright.examples.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.examples.api.ApiClient;
import dev.cartwright.examples.api.ApiHost;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The three services started in this JVM on free ports, each over a database of its own (unique to this shop: an
 * in-memory H2 database, or a PostgreSQL schema), with one service token and one admin token, a low password cost, and one {@link SimulatedPaymentGateway}
 * that outlives any order-service (it stands for the card network). order-service may reach product-service
 * through a {@link FaultProxy}. Services can be stopped and started again over the same databases, and more
 * order-services started over the orders' database. Closing it stops everything and drops the databases.
 */
final class MicroShop implements AutoCloseable {

    static final String SERVICE_TOKEN = "micro-test-service-token";
    static final String ADMIN_TOKEN = "micro-test-admin-token";
    /** Quick to give up on a service that does not answer: a failing call ends within about a second. */
    static final RemoteCalls.Settings QUICK = new RemoteCalls.Settings(Duration.ofMillis(500), Duration.ofSeconds(1),
            3, Duration.ofMillis(50), Duration.ofMillis(1500));
    /** Patient enough for many calls at once on a loaded machine. */
    static final RemoteCalls.Settings PATIENT = new RemoteCalls.Settings(Duration.ofSeconds(2), Duration.ofSeconds(15),
            3, Duration.ofMillis(100), Duration.ofSeconds(30));

    private final Databases databases;
    private final String usersDb;
    private final String productsDb;
    private final String ordersDb;
    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
    private final RemoteCalls.Settings remote;
    private final FaultProxy proxy;
    private final List<RunningService> orderServices = new ArrayList<>();
    private RunningService users;
    private RunningService products;
    private boolean productsRunning;
    private int productsPort;

    private MicroShop(Databases databases, RemoteCalls.Settings remote, boolean proxied) {
        this.databases = databases;
        this.remote = remote;
        FaultProxy started = null;
        try {
            usersDb = databases.create("users");
            productsDb = databases.create("products");
            ordersDb = databases.create("orders");
            users = UserService.start(base(usersDb));
            products = ProductService.start(base(productsDb));
            productsRunning = true;
            productsPort = products.port();
            started = proxied ? FaultProxy.to(products.url()) : null;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        proxy = started;
        try {
            orderServices.add(startOrderService(productRoute()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * @param remote order-service's timeouts and retries
     * @return the three, order-service calling product-service directly
     */
    static MicroShop start(RemoteCalls.Settings remote) {
        return start(Databases.h2(), remote);
    }

    /**
     * @param databases where each service's database is made
     * @param remote order-service's timeouts and retries
     * @return the three, order-service calling product-service directly
     */
    static MicroShop start(Databases databases, RemoteCalls.Settings remote) {
        return new MicroShop(databases, remote, false);
    }

    /**
     * @param remote order-service's timeouts and retries
     * @return the three, order-service calling product-service through {@link #proxy()}
     */
    static MicroShop startProxied(RemoteCalls.Settings remote) {
        return new MicroShop(Databases.h2(), remote, true);
    }

    /** Makes a database for each service of one shop, and drops them all when closed. */
    interface Databases extends AutoCloseable {

        /**
         * @param service a short name, such as {@code orders}
         * @return the JDBC URL of a new, empty database for it
         */
        String create(String service);

        @Override
        void close();

        /**
         * In-memory H2 databases, each unique, with the options of {@code ServiceSettings}' default H2 file
         * (PostgreSQL mode, lower-case names, nulls last, a 10 s lock timeout), kept while services come and go.
         */
        static Databases h2() {
            List<String> urls = new ArrayList<>();
            return new Databases() {
                @Override
                public String create(String service) {
                    String url = "jdbc:h2:mem:" + service + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;"
                            + "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;"
                            + "QUERY_CACHE_SIZE=64";
                    urls.add(url);
                    return url;
                }

                @Override
                public void close() {
                    urls.forEach(url -> execute(url, "SHUTDOWN"));
                }
            };
        }

        /**
         * A schema of its own for each service in one PostgreSQL database, as {@code DB_HOST} gives each service,
         * but named uniquely, and dropped with everything in it when closed.
         *
         * @param url the JDBC URL of the database, with its user, such as {@code CARTWRIGHT_POSTGRES_URL}
         */
        static Databases postgres(String url) {
            List<String> schemas = new ArrayList<>();
            String prefix = "micro_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
            return new Databases() {
                @Override
                public String create(String service) {
                    String schema = prefix + service;
                    execute(url, "CREATE SCHEMA " + schema);
                    schemas.add(schema);
                    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                }

                @Override
                public void close() {
                    schemas.forEach(schema -> execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
                }
            };
        }

        private static void execute(String url, String sql) {
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static ServiceSettings base(String databaseUrl) {
        return ServiceSettings.defaults(0).withDatabaseUrl(databaseUrl)
                .withTokens(ADMIN_TOKEN, SERVICE_TOKEN).withPasswordIterations(1_000);
    }

    private URI productRoute() {
        return proxy == null ? products.url() : proxy.uri();
    }

    private RunningService startOrderService(URI productService) {
        return OrderService.start(base(ordersDb).withServices(users.url(), productService), gateway, remote);
    }

    /** @return the proxy between order-service and product-service */
    FaultProxy proxy() {
        assertThat(proxy).as("a shop started with startProxied").isNotNull();
        return proxy;
    }

    /** @return the card network every order-service of this shop pays through */
    SimulatedPaymentGateway gateway() {
        return gateway;
    }

    /** Stops product-service; its database stays. */
    void stopProducts() {
        products.close();
        productsRunning = false;
    }

    /** Starts product-service again over its database, on the port it had, so every caller finds it again. */
    void restartProducts() {
        if (productsRunning) {
            stopProducts();
        }
        products = ProductService.start(base(productsDb).withPort(productsPort));
        productsRunning = true;
    }

    /**
     * Stops every order-service and starts one over the same database, calling product-service directly; its
     * start-up sweeps run before this returns.
     */
    void restartOrders() {
        stopOrders();
        orderServices.add(startOrderService(products.url()));
    }

    /** Stops every order-service; their database stays. */
    void stopOrders() {
        orderServices.forEach(RunningService::close);
        orderServices.clear();
    }

    /** Starts one more order-service over the same orders' database, with the same route to product-service. */
    void addOrderService() {
        orderServices.add(startOrderService(productRoute()));
    }

    /** @return a client of user-service */
    ApiClient users() {
        return client(() -> users);
    }

    /** @return a client of product-service, as it runs now */
    ApiClient products() {
        return client(() -> products);
    }

    /** @return a client of the first order-service, as it runs now */
    ApiClient orders() {
        return orders(0);
    }

    /**
     * @param instance which order-service, from 0 in the order they were started
     * @return a client of it
     */
    ApiClient orders(int instance) {
        return client(() -> orderServices.get(instance));
    }

    private static ApiClient client(Supplier<RunningService> service) {
        return new ApiClient(new ApiHost() {
            @Override
            public URI baseUri() {
                return service.get().url();
            }

            @Override
            public String adminToken() {
                return ADMIN_TOKEN;
            }

            @Override
            public void close() {
                // the shop stops its services
            }
        });
    }

    /**
     * Creates a product at product-service and receives its stock there.
     *
     * @param units the units on hand
     * @return its id
     */
    String product(long units) {
        ApiClient catalog = products();
        String sku = "TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        ApiClient.Reply created = catalog.post("/admin/products").admin()
                .json("{\"sku\":\"" + sku + "\",\"name\":\"Test mug\",\"price\":12.50}").send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("id").asText();
        ApiClient.Reply received = catalog.post("/admin/products/" + id + "/stock").admin()
                .json("{\"receive\":" + units + "}").send();
        assertThat(received.status()).as(received.text()).isEqualTo(200);
        return id;
    }

    /**
     * @param productId a product of product-service
     * @return its stock as product-service tells its staff
     */
    Stock stock(String productId) {
        ApiClient.Reply reply = products().get("/admin/products/" + productId + "/stock").admin().send();
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode stock = reply.json();
        return new Stock(stock.get("onHand").asLong(), stock.get("reserved").asLong(), stock.get("available").asLong(),
                stock.get("sold").asLong());
    }

    /** A product's stock: units on hand, held for orders, free to order, and sold. */
    record Stock(long onHand, long reserved, long available, long sold) {
    }

    /**
     * Places an order of one product for the customer at an order-service.
     *
     * @param orders the order-service
     * @param customer who orders
     * @param productId what
     * @param quantity how many
     * @param idempotencyKey the key of the request, if any
     * @return the answer
     */
    static ApiClient.Reply placeOrder(ApiClient orders, ApiClient.Customer customer, String productId, long quantity,
            Optional<String> idempotencyKey) {
        return placeOrder(orders, customer, productId, quantity, idempotencyKey, SimulatedPaymentGateway.VISA);
    }

    /**
     * As {@link #placeOrder(ApiClient, ApiClient.Customer, String, long, Optional)}, paid with another card.
     *
     * @param paymentToken the card, such as {@link SimulatedPaymentGateway#DECLINE}
     */
    static ApiClient.Reply placeOrder(ApiClient orders, ApiClient.Customer customer, String productId, long quantity,
            Optional<String> idempotencyKey, String paymentToken) {
        ApiClient.Call call = orders.post("/orders").token(customer.token()).json("{\"userId\":\"" + customer.id()
                + "\",\"products\":[{\"id\":\"" + productId + "\",\"quantity\":" + quantity
                + "}],\"paymentToken\":\"" + paymentToken + "\"}");
        idempotencyKey.ifPresent(key -> call.header("Idempotency-Key", key));
        return call.send();
    }

    /**
     * @param orders an order-service
     * @param customer a customer
     * @return the customer's orders there, newest first
     */
    static List<JsonNode> ordersOf(ApiClient orders, ApiClient.Customer customer) {
        ApiClient.Reply reply = orders.get("/orders?limit=100").token(customer.token()).send();
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        reply.json().forEach(list::add);
        return list;
    }

    /** Stops order-services, the proxy, product-service and user-service, then drops the three databases. */
    @Override
    public void close() {
        List<AutoCloseable> running = new ArrayList<>(orderServices);
        if (proxy != null) {
            running.add(proxy);
        }
        if (productsRunning) {
            running.add(products);
        }
        if (users != null) {
            running.add(users);
        }
        for (AutoCloseable service : running) {
            try {
                service.close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        databases.close();
    }
}
