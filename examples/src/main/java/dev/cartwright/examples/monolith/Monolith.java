package dev.cartwright.examples.monolith;

import com.zaxxer.hikari.HikariDataSource;
import dev.cartwright.Commerce;
import dev.cartwright.Sweeper;
import dev.cartwright.jdbc.JdbcStore;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.examples.api.DemoShop;
import dev.cartwright.examples.api.ShopApi;
import dev.cartwright.examples.server.ApiServer;
import dev.cartwright.examples.server.Metrics;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole shop in one process: every Cartwright service over one JDBC store, served over HTTP by Javalin.
 * {@link #start(Settings)} opens the pool, migrates the schema, seeds the demo shop (once), starts serving, and
 * starts the shop's sweeps ({@link Commerce#startSweeping}: recovery of checkouts a crash interrupted, expiry of
 * unpaid orders, event redelivery, session purging; at once, then every 30 seconds); {@link #close()} stops the
 * sweeps, stops taking requests, lets those in flight finish, and closes the pool. Payments go to
 * the {@link SimulatedPaymentGateway} ({@code tok_visa} approves, {@code tok_decline} declines).
 * Every request goes to the shared route table ({@link ShopApi}, which documents the routes and errors); this class
 * only carries requests to it and its answers back, as the serverless handler does for API Gateway events.
 */
public final class Monolith implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monolith.class);

    private final ApiServer server;
    private final Sweeper sweeper;
    private final JdbcStore store;
    private final HikariDataSource pool;
    private final String adminToken;

    private Monolith(ApiServer server, Sweeper sweeper, JdbcStore store, HikariDataSource pool, String adminToken) {
        this.server = server;
        this.sweeper = sweeper;
        this.store = store;
        this.pool = pool;
        this.adminToken = adminToken;
    }

    /**
     * Runs the monolith from the environment until SIGTERM or Ctrl-C.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Monolith monolith = start(Settings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(monolith::close, "shutdown"));
    }

    /**
     * Starts serving.
     *
     * @param settings port, database, admin token and limits
     * @return the running monolith
     * @throws RuntimeException if the database cannot be reached or the port is taken
     */
    public static Monolith start(Settings settings) {
        HikariDataSource pool = Database.open(settings);
        try {
            return start(settings, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static Monolith start(Settings settings, HikariDataSource pool) {
        JdbcStore store = JdbcStore.create(pool);
        Metrics metrics = new Metrics();
        Commerce shop = Commerce.builder()
                .store(store)
                .taxPolicy(DemoShop.taxPolicy())
                .shippingOptions(DemoShop.shippingOptions())
                .paymentGateway(new SimulatedPaymentGateway())
                .passwordIterations(settings.passwordIterations())
                .eventListener(metrics.paymentListener())
                .build();
        int created = DemoShop.seed(shop);
        if (created > 0) {
            LOG.info("first start: created the demo catalog ({} products) and promotion code {}", created,
                    DemoShop.PROMOTION_CODE);
        }
        String adminToken = settings.adminToken().orElseGet(Monolith::newToken);
        ShopApi api = ShopApi.builder(shop, store).adminToken(adminToken).observer(metrics)
                .maxBodyBytes(settings.maxBodyBytes()).build();

        ApiServer server = ApiServer.start(api, settings.port(), settings.maxBodyBytes(),
                settings.trustedProxies());
        Monolith monolith = new Monolith(server, shop.startSweeping(settings.sweepEvery()), store, pool, adminToken);
        LOG.info("Cartwright monolith listening on http://localhost:{} (database {})", server.port(),
                Database.describe(settings));
        if (settings.adminToken().isEmpty()) {
            LOG.info("admin token for this run (set ADMIN_TOKEN to choose one): {}", adminToken);
        }
        return monolith;
    }

    /** @return the port it listens on */
    public int port() {
        return server.port();
    }

    /** @return the Jetty server, for tests of its set-up */
    org.eclipse.jetty.server.Server jetty() {
        return server.jetty();
    }

    /** @return the bearer token of the admin routes */
    public String adminToken() {
        return adminToken;
    }

    /**
     * Stops the sweeps (letting a round under way finish), stops taking requests (a request arriving now is answered
     * {@code 503} with {@code Retry-After}), waits up to 10 seconds for those in flight, then closes the store and,
     * after it, the pool (a store over a host's pool leaves the pool to the host). Returns when all that is done,
     * so a shutdown hook that calls it holds the JVM until then.
     */
    @Override
    public void close() {
        LOG.info("stopping: finishing requests in flight");
        sweeper.close();
        server.close();
        store.close();
        pool.close();
        LOG.info("stopped");
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
