package dev.cartwright.examples.monolith;

import com.zaxxer.hikari.HikariDataSource;
import dev.cartwright.Commerce;
import dev.cartwright.jdbc.JdbcStore;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.examples.api.DemoShop;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.ShopApi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole shop in one process: every Cartwright service over one JDBC store, served over HTTP by Javalin.
 * {@link #start(Settings)} opens the pool, migrates the schema, seeds the demo shop (once), and starts serving;
 * {@link #close()} stops taking requests, lets those in flight finish, and closes the pool. Payments go to
 * the {@link SimulatedPaymentGateway} ({@code tok_visa} approves, {@code tok_decline} declines).
 * Every request goes to the shared route table ({@link ShopApi}, which documents the routes and errors); this class
 * only carries requests to it and its answers back, as the serverless handler does for API Gateway events.
 */
public final class Monolith implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monolith.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS, HandlerType.TRACE);

    private final Javalin server;
    private final JdbcStore store;
    private final HikariDataSource pool;
    private final String adminToken;

    private Monolith(Javalin server, JdbcStore store, HikariDataSource pool, String adminToken) {
        this.server = server;
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
        ShopApi api = new ShopApi(shop, store, adminToken, metrics, settings.maxBodyBytes());

        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.modifyServer(jetty -> {
                jetty.setStopTimeout(STOP_TIMEOUT_MILLIS);
                jetty.insertHandler(new GracefulHandler());
                jetty.setErrorHandler(new ProblemErrorHandler(api));
            });
            // Every path and method goes to the shared route table, which answers unknown ones itself.
            for (HandlerType method : METHODS) {
                config.routes.addHttpHandler(method, "/", ctx -> serve(api, ctx));
                config.routes.addHttpHandler(method, "/*", ctx -> serve(api, ctx));
            }
        });
        server.start(settings.port());
        Monolith monolith = new Monolith(server, store, pool, adminToken);
        LOG.info("Cartwright monolith listening on http://localhost:{} (database {})", server.port(),
                Database.describe(settings));
        if (settings.adminToken().isEmpty()) {
            LOG.info("admin token for this run (set ADMIN_TOKEN to choose one): {}", adminToken);
        }
        return monolith;
    }

    /** Carries one request to the route table and its answer back. */
    private static void serve(ShopApi api, Context ctx) {
        long start = System.nanoTime();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        Exchange exchange;
        Map<String, List<String>> query;
        try {
            // Parsed as the serverless hosts parse it; Jetty's own parsing lets a broken escape through.
            query = Exchange.parseQuery(ctx.queryString() == null ? "" : ctx.queryString());
        } catch (IllegalArgumentException e) {
            exchange = Exchange.of(ctx.method().name(), ctx.path(), Map.of(), headers, new byte[0]);
            api.refuse(exchange, 400);
            answer(ctx, exchange, start);
            return;
        }
        try {
            exchange = Exchange.of(ctx.method().name(), ctx.path(), query, headers, ctx.bodyAsBytes());
            api.handle(exchange);
        } catch (HttpResponseException e) {
            // Jetty refused the body (over the size limit) before the route table could see it.
            exchange = Exchange.of(ctx.method().name(), ctx.path(), Map.of(), headers, new byte[0]);
            api.refuse(exchange, e.getStatus());
        }
        answer(ctx, exchange, start);
    }

    private static void answer(Context ctx, Exchange exchange, long start) {
        ctx.status(exchange.status());
        exchange.responseHeaders().forEach(ctx::header);
        ctx.result(exchange.result());
        ACCESS.info("{} {} {} {} {}ms", exchange.requestId(), exchange.method(), exchange.path(), exchange.status(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Answers what Jetty refuses before Javalin routes it (a path with a broken percent escape, say) with the problem
     * the API would have answered, instead of Jetty's HTML page.
     */
    private static final class ProblemErrorHandler extends ErrorHandler {

        private final ShopApi api;

        ProblemErrorHandler(ShopApi api) {
            this.api = api;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            String path = request.getHttpURI() == null || request.getHttpURI().getPath() == null ? "/"
                    : request.getHttpURI().getPath();
            Exchange exchange = Exchange.of(request.getMethod(), path, Map.of(), Map.of(), new byte[0]);
            api.refuse(exchange, code);
            response.setStatus(exchange.status());
            exchange.responseHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
            response.write(true, ByteBuffer.wrap(exchange.result()), callback);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.port();
    }

    /** @return the Jetty server, for tests of its set-up */
    org.eclipse.jetty.server.Server jetty() {
        return server.jettyServer().server();
    }

    /** @return the bearer token of the admin routes */
    public String adminToken() {
        return adminToken;
    }

    /**
     * Stops taking requests, waits up to 10 seconds for those in flight, then closes the store and, after it, the
     * pool (a store over a host's pool leaves the pool to the host).
     */
    @Override
    public void close() {
        LOG.info("stopping: finishing requests in flight");
        server.stop();
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
