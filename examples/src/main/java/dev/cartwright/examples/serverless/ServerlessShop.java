package dev.cartwright.examples.serverless;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import dev.cartwright.examples.api.DemoShop;
import dev.cartwright.examples.api.ShopApi;
import dev.cartwright.jdbc.JdbcStore;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop one function container serves, built once and reused by every event the container handles.
 * {@code DATABASE_URL} (a JDBC URL; PostgreSQL in the cloud) names the store, through a pool of at most two
 * connections, since a container handles one event at a time; without it the store is in memory, seeded with the
 * demo catalog, and lives as long as the container. {@code ADMIN_TOKEN} is the admin routes' bearer token (a new one
 * is logged when unset), {@code MAX_BODY_BYTES} the largest request body (64 KiB by default, as the monolith's;
 * API Gateway itself refuses more than 10 MB), {@code PASSWORD_ITERATIONS} the password hashing cost (600,000 by default; lower it only
 * for tests and demos).
 * <p>
 * A function has no thread between events, so the shop's sweeps ({@link Commerce#runSweeps()}) run when a
 * scheduled EventBridge rule invokes {@link SweepHandler}, a function of the same code and environment.
 */
final class ServerlessShop {

    private static final Logger LOG = LoggerFactory.getLogger(ServerlessShop.class);
    private static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private ServerlessShop() {
    }

    /** Holds the container's shop: built when first asked for, by the class loader's lock, once. */
    private static final class Container {
        static final Built SHOP = assemble(System.getenv());
    }

    /**
     * A container's shop: its services and their HTTP API.
     *
     * @param shop the services, whose sweeps {@link SweepHandler} runs
     * @param api the route table the API handlers serve
     */
    record Built(Commerce shop, ShopApi api) {
    }

    /** @return the container's shop's API */
    static ShopApi api() {
        return Container.SHOP.api();
    }

    /** @return the container's shop */
    static Commerce shop() {
        return Container.SHOP.shop();
    }

    /**
     * @param environment the function's environment
     * @return a shop's API over the store the environment names
     */
    static ShopApi build(Map<String, String> environment) {
        return assemble(environment).api();
    }

    /**
     * @param environment the function's environment
     * @return a shop over the store the environment names, and its API
     */
    static Built assemble(Map<String, String> environment) {
        CommerceStore store = Optional.ofNullable(environment.get("DATABASE_URL")).filter(url -> !url.isBlank())
                .<CommerceStore>map(ServerlessShop::database).orElseGet(MemoryStore::create);
        Commerce.Builder builder = Commerce.builder();
        Optional.ofNullable(environment.get("PASSWORD_ITERATIONS")).map(Integer::parseInt)
                .ifPresent(builder::passwordIterations);
        Commerce shop = builder
                .store(store)
                .taxPolicy(DemoShop.taxPolicy())
                .shippingOptions(DemoShop.shippingOptions())
                .paymentGateway(new SimulatedPaymentGateway())
                .build();
        DemoShop.seed(shop);
        String adminToken = Optional.ofNullable(environment.get("ADMIN_TOKEN")).filter(token -> !token.isBlank())
                .orElseGet(() -> {
                    String token = newToken();
                    LOG.info("admin token for this container (set ADMIN_TOKEN to choose one): {}", token);
                    return token;
                });
        long maxBody = Optional.ofNullable(environment.get("MAX_BODY_BYTES")).map(Long::parseLong)
                .orElse(DEFAULT_MAX_BODY_BYTES);
        return new Built(shop, ShopApi.builder(shop, store).adminToken(adminToken).maxBodyBytes(maxBody).build());
    }

    private static CommerceStore database(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        config.setPoolName("cartwright-function");
        return JdbcStore.create(new HikariDataSource(config));
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
