package dev.cartwright.examples.micro;

import dev.cartwright.CommerceStore;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.Json;
import dev.cartwright.examples.api.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * product-service's catalog as order-service reads it: {@code GET /internal/products?sku=A&sku=B&id=...} answers
 * {@code {"products": [...]}} with every product found among those named (archived ones too: an order names what it
 * sold), each with all its fields ({@link ProductRecord}). At most {@value #MAX_NAMES} names per call; services
 * only ({@link ServiceToken}).
 */
final class ProductLookupRoutes {

    static final String PATH = "/internal/products";
    static final int MAX_NAMES = 100;

    private final CommerceStore store;
    private final ServiceToken token;

    /**
     * @param store product-service's store, read in one round trip per call
     * @param token the token services call with
     */
    ProductLookupRoutes(CommerceStore store, ServiceToken token) {
        this.store = store;
        this.token = token;
    }

    void register(Routes routes) {
        routes.before("/internal/*", token::check);
        routes.get(PATH, this::lookUp);
    }

    /** The answer of a look-up. */
    record Found(List<ProductRecord> products) {
    }

    private void lookUp(Exchange ctx) {
        List<String> skus = ctx.queryParams("sku");
        List<String> ids = ctx.queryParams("id");
        if (skus.size() + ids.size() > MAX_NAMES) {
            throw CommerceException.invalid("sku", "at most " + MAX_NAMES + " products per call");
        }
        List<Sku> wantedSkus = new ArrayList<>();
        for (String sku : skus) {
            wantedSkus.add(Sku.of(sku));
        }
        List<ProductId> wantedIds = new ArrayList<>();
        for (String id : ids) {
            wantedIds.add(ProductId.parse(id));
        }
        Map<ProductId, Product> found = store.read(transaction -> {
            Map<ProductId, Product> products = new LinkedHashMap<>();
            if (!wantedSkus.isEmpty()) {
                transaction.products().findAllBySku(wantedSkus).values()
                        .forEach(product -> products.put(product.id(), product));
            }
            for (ProductId id : wantedIds) {
                if (!products.containsKey(id)) {
                    transaction.products().findById(id).ifPresent(product -> products.put(id, product));
                }
            }
            return products;
        });
        Json.send(ctx, 200, new Found(found.values().stream().map(ProductRecord::of).toList()));
    }
}
