package dev.cartwright.examples.api;

import dev.cartwright.CommerceStore;
import dev.cartwright.catalog.Sku;
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
    /** The Prometheus text format's media type. */
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final CommerceStore store;
    private final ShopApi.Observer observer;

    OpsRoutes(CommerceStore store, ShopApi.Observer observer) {
        this.store = store;
        this.observer = observer;
    }

    void register(Routes routes) {
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType(METRICS_CONTENT_TYPE).result(observer.scrape()));
    }

    private void health(Exchange ctx) {
        try {
            store.inTransaction(transaction -> transaction.products().findBySku(HEALTH_PROBE));
            Json.send(ctx, 200, Map.of("status", "UP"));
        } catch (RuntimeException e) {
            LOG.warn("health check failed: {}", e.toString());
            Json.send(ctx, 503, Map.of("status", "DOWN"));
        }
    }
}
