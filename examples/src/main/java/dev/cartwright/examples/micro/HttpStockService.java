package dev.cartwright.examples.micro;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.ReturnExceedsSoldException;
import dev.cartwright.inventory.StockService;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link StockService} of product-service, called over HTTP ({@link StockRoutes} serves it). Every call is
 * idempotent by its key (a return by its key and return id), so every call is repeated after a transport failure,
 * a timeout or a {@code 502/503/504} ({@link RemoteCalls} says how often and how long). A refusal comes back as the exception the served service threw,
 * rebuilt from its problem JSON: {@link InsufficientStockException} and {@link ReturnExceedsSoldException} with what
 * they hold, any other {@link CommerceException} with its code and field. A call whose outcome is unknown throws
 * {@link RemoteCallException}, which is no {@code CommerceException}, as {@link StockService} asks. Thread-safe.
 *
 * <p>A key or a SKU that JSON or a URL cannot carry (null, or an empty key) is refused here with the
 * {@code VALIDATION} error the served service would give; every other argument is checked by the service.
 */
public final class HttpStockService implements StockService {

    private final RemoteCalls calls;

    /** @param calls calls to the service that serves {@link StockRoutes} */
    public HttpStockService(RemoteCalls calls) {
        this.calls = calls;
    }

    /**
     * @param base product-service's base URI
     * @param serviceToken the service token it expects
     * @param settings timeouts and retries
     * @param listener hears of every call, as target {@code product-service}
     * @return the client
     */
    public static HttpStockService of(URI base, String serviceToken, RemoteCalls.Settings settings,
            RemoteCalls.Listener listener) {
        return new HttpStockService(new RemoteCalls("product-service", base, serviceToken, settings, listener));
    }

    @Override
    public void reserve(String key, Map<Sku, Long> quantities, Instant until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("until", until == null ? null : until.toString());
        body.put("quantities", bySku(quantities));
        answer(calls.send("reserve", calls.json("PUT", holds(key), body), true));
    }

    @Override
    public void confirm(String key, Collection<Sku> skus) {
        answer(calls.send("confirm", calls.json("POST", holds(key) + "/confirm", skus(skus)), true));
    }

    @Override
    public void release(String key, Collection<Sku> skus) {
        answer(calls.send("release", calls.json("POST", holds(key) + "/release", skus(skus)), true));
    }

    @Override
    public void returnSold(String key, String returnId, Map<Sku, Long> units) {
        String path = holds(key);
        if (returnId == null || returnId.isEmpty()) {
            throw CommerceException.invalid("returnId", returnId == null ? "is required" : "must not be blank");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("units", bySku(units));
        answer(calls.send("return", calls.json("PUT", path + "/returns/" + RemoteCalls.segment(returnId), body),
                true));
    }

    private static Map<String, Long> bySku(Map<Sku, Long> quantities) {
        if (quantities == null) {
            return null;
        }
        Map<String, Long> bySku = new LinkedHashMap<>();
        for (Map.Entry<Sku, Long> line : quantities.entrySet()) {
            if (line.getKey() == null) {
                throw CommerceException.invalid("sku", "is required");
            }
            bySku.put(line.getKey().value(), line.getValue());
        }
        return bySku;
    }

    private static String holds(String key) {
        if (key == null || key.isEmpty()) {
            throw CommerceException.invalid("key", key == null ? "is required" : "must not be blank");
        }
        return "/stock/holds/" + RemoteCalls.segment(key);
    }

    private static Map<String, Object> skus(Collection<Sku> skus) {
        List<String> values = null;
        if (skus != null) {
            values = new ArrayList<>();
            for (Sku sku : skus) {
                values.add(sku == null ? null : sku.value());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("skus", values);
        return body;
    }

    private static void answer(RemoteCalls.Response response) {
        if (response.succeeded()) {
            return;
        }
        RemoteCalls.Problem problem = response.problem();
        if (problem.errorCode().filter(code -> code == ErrorCode.INSUFFICIENT_STOCK).isPresent()) {
            Sku sku = sku(problem.text("sku"));
            if ("quantity".equals(problem.field().orElse(null))) {
                throw new ReturnExceedsSoldException(sku, problem.number("returned"), problem.number("sold"));
            }
            throw new InsufficientStockException(sku, problem.number("requested"), problem.number("available"));
        }
        if (problem.errorCode().filter(code -> code == ErrorCode.NOT_FOUND).isPresent()
                && problem.field().isEmpty()) {
            // The service's own NOT_FOUND names the key or the SKUs; one without a field is a route it lacks.
            throw new RemoteCallException("product-service has no stock routes here: " + problem.detail(), null);
        }
        throw problem.exception();
    }

    private static Sku sku(String value) {
        try {
            return Sku.of(value);
        } catch (CommerceException e) {
            throw new RemoteCallException("product-service named a SKU that is none: " + value, e);
        }
    }
}
