package dev.cartwright.examples.api;

import dev.cartwright.CommerceStore;
import dev.cartwright.catalog.Sku;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations: {@code GET /health} and {@code GET /metrics} (Prometheus text format). Health is
 * {@code 200 {"status": "UP"}} after a trivial transaction on the database, {@code 503 {"status": "DOWN"}} if it
 * fails. A service that calls others lists each under {@code "dependencies"} as {@code "UP"} or {@code "DOWN"}; one
 * that is down makes the status {@code "DEGRADED"}, still {@code 200}: this service runs and answers what does not
 * need it, so a load balancer should keep sending it traffic.
 */
final class OpsRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);
    private static final Sku HEALTH_PROBE = Sku.of("health-probe");
    /** The Prometheus text format's media type. */
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final CommerceStore store;
    private final Map<String, BooleanSupplier> dependencies;
    private final ShopApi.Observer observer;

    OpsRoutes(CommerceStore store, Map<String, BooleanSupplier> dependencies, ShopApi.Observer observer) {
        this.store = store;
        this.dependencies = Map.copyOf(dependencies);
        this.observer = observer;
    }

    void register(Routes routes) {
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType(METRICS_CONTENT_TYPE).result(observer.scrape()));
    }

    private void health(Exchange ctx) {
        try {
            store.inTransaction(transaction -> transaction.products().findBySku(HEALTH_PROBE));
        } catch (RuntimeException e) {
            LOG.warn("health check failed: {}", e.toString());
            Json.send(ctx, 503, Map.of("status", "DOWN"));
            return;
        }
        if (dependencies.isEmpty()) {
            Json.send(ctx, 200, Map.of("status", "UP"));
            return;
        }
        Map<String, String> reachable = new TreeMap<>();
        dependencies.forEach((name, probe) -> reachable.put(name, up(name, probe) ? "UP" : "DOWN"));
        String status = reachable.containsValue("DOWN") ? "DEGRADED" : "UP";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("dependencies", reachable);
        Json.send(ctx, 200, body);
    }

    private static boolean up(String name, BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("health check of {} failed: {}", name, e.toString());
            return false;
        }
    }
}
