package dev.cartwright.examples.monolith;

import dev.cartwright.CommerceStore;
import dev.cartwright.catalog.Sku;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations: {@code GET /health} ({@code 200 {"status": "UP"}} after a trivial transaction on the database,
 * {@code 503 {"status": "DOWN"}} if it fails) and {@code GET /metrics} (Prometheus text format).
 */
final class OpsRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);
    private static final Sku HEALTH_PROBE = Sku.of("health-probe");

    private final CommerceStore store;
    private final Metrics metrics;

    OpsRoutes(CommerceStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
    }

    private void health(Context ctx) {
        try {
            store.inTransaction(transaction -> transaction.products().findBySku(HEALTH_PROBE));
            Json.send(ctx, 200, Map.of("status", "UP"));
        } catch (RuntimeException e) {
            LOG.warn("health check failed: {}", e.toString());
            Json.send(ctx, 503, Map.of("status", "DOWN"));
        }
    }
}
