package dev.cartwright.examples.micro;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.Json;
import dev.cartwright.examples.api.Routes;
import dev.cartwright.inventory.StockService;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link StockService} served over HTTP to the other services (product-service serves its stock so;
 * {@link HttpStockService} is the client). Each route answers {@code 204 No Content} when the call succeeded,
 * and a refusal as problem JSON through the shared table, with what a stock exception holds:
 * <ul>
 *   <li>{@code PUT /stock/holds/{key}} with {@code {"until": "2026-03-01T09:15:00Z", "quantities": {"MUG-1": 2}}}:
 *       {@link StockService#reserve}; {@code until} is an ISO-8601 instant;</li>
 *   <li>{@code POST /stock/holds/{key}/confirm} with {@code {"skus": ["MUG-1"]}}: {@link StockService#confirm};</li>
 *   <li>{@code POST /stock/holds/{key}/release} with {@code {"skus": ["MUG-1"]}}: {@link StockService#release};</li>
 *   <li>{@code PUT /stock/holds/{key}/returns/{returnId}} with {@code {"units": {"MUG-1": 1}}}:
 *       {@link StockService#returnSold}.</li>
 * </ul>
 * The key and the return id are each one path segment, percent-encoded (UTF-8), so they may hold any character.
 * The routes are for services only: without {@code Authorization: Bearer <service token>} a call is {@code 401 UNAUTHENTICATED}, with another
 * token {@code 403 FORBIDDEN}. Each call is idempotent by its key, as the service's are.
 */
final class StockRoutes {

    private final StockService stock;
    private final ServiceToken token;

    /**
     * @param stock the service to serve
     * @param token the bearer token other services call with
     */
    StockRoutes(StockService stock, ServiceToken token) {
        this.stock = stock;
        this.token = token;
    }

    /** @param routes the table to add the stock routes and their token check to */
    void register(Routes routes) {
        routes.before("/stock/*", token::check);
        routes.put("/stock/holds/{key}", this::reserve);
        routes.post("/stock/holds/{key}/confirm", this::confirm);
        routes.post("/stock/holds/{key}/release", this::release);
        routes.put("/stock/holds/{key}/returns/{returnId}", this::returnSold);
    }

    /** {@code PUT /stock/holds/{key}}. */
    record Hold(String until, Map<String, Long> quantities) {
    }

    /** {@code POST /stock/holds/{key}/confirm} and {@code /release}. */
    record Skus(List<String> skus) {
    }

    /** {@code PUT /stock/holds/{key}/returns/{returnId}}. */
    record Return(Map<String, Long> units) {
    }

    private void reserve(Exchange ctx) {
        Hold hold = Json.read(ctx, Hold.class);
        stock.reserve(ctx.pathParam("key"), bySku(hold.quantities()), instant(hold.until()));
        ctx.status(204);
    }

    private void returnSold(Exchange ctx) {
        stock.returnSold(ctx.pathParam("key"), ctx.pathParam("returnId"),
                bySku(Json.read(ctx, Return.class).units()));
        ctx.status(204);
    }

    private static Map<Sku, Long> bySku(Map<String, Long> units) {
        if (units == null) {
            return null;
        }
        Map<Sku, Long> bySku = new LinkedHashMap<>();
        for (Map.Entry<String, Long> line : units.entrySet()) {
            bySku.put(Sku.of(line.getKey()), line.getValue());
        }
        return bySku;
    }

    private void confirm(Exchange ctx) {
        stock.confirm(ctx.pathParam("key"), skus(Json.read(ctx, Skus.class)));
        ctx.status(204);
    }

    private void release(Exchange ctx) {
        stock.release(ctx.pathParam("key"), skus(Json.read(ctx, Skus.class)));
        ctx.status(204);
    }

    private static List<Sku> skus(Skus body) {
        if (body.skus() == null) {
            return null;
        }
        List<Sku> skus = new ArrayList<>();
        for (String sku : body.skus()) {
            skus.add(sku == null ? null : Sku.of(sku));
        }
        return skus;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw CommerceException.invalid("until", "must be an ISO-8601 instant, such as 2026-03-01T09:15:00Z");
        }
    }
}
