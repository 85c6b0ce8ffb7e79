package dev.cartwright.examples.micro;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductOffer;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.catalog.ProductRepository;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * order-service's view of product-service's catalog, as the core's {@link ProductRepository}: read-only, over
 * {@code GET /internal/products} ({@link ProductLookupRoutes}).
 *
 * <p>Look-ups by id or SKU (a cart's line, an order's product) are cached for a short time, so a burst of requests
 * costs product-service one call per product; a product created or changed there shows here within that time.
 * {@link #findOffers} (what a checkout prices) always asks product-service, so the price an order is placed at is
 * the price of the moment, checked against the cart's as in a monolith. Writes are product-service's: they throw.
 * A call without an answer throws {@link RemoteCallException}, which the API answers {@code 503}.
 */
final class RemoteProducts implements ProductRepository {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final RemoteCalls calls;
    private final Cache<Sku, Optional<Product>> bySku;
    private final Cache<ProductId, Optional<Product>> byId;

    /**
     * @param calls calls to product-service
     * @param freshness how long a product read by id or SKU is used before it is read again
     */
    RemoteProducts(RemoteCalls calls, Duration freshness) {
        this.calls = calls;
        this.bySku = Caffeine.newBuilder().expireAfterWrite(freshness).maximumSize(10_000).build();
        this.byId = Caffeine.newBuilder().expireAfterWrite(freshness).maximumSize(10_000).build();
    }

    @Override
    public Optional<Product> findById(ProductId id) {
        Optional<Product> cached = byId.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        Optional<Product> found = fetch(List.of(), List.of(id)).stream().findFirst();
        byId.put(id, found);
        return found;
    }

    @Override
    public Optional<Product> findBySku(Sku sku) {
        return Optional.ofNullable(findAllBySku(List.of(sku)).get(sku));
    }

    @Override
    public Map<Sku, Product> findAllBySku(Collection<Sku> skus) {
        Map<Sku, Product> found = new HashMap<>();
        List<Sku> missing = new ArrayList<>();
        for (Sku sku : new LinkedHashSet<>(skus)) {
            Optional<Product> cached = bySku.getIfPresent(sku);
            if (cached == null) {
                missing.add(sku);
            } else {
                cached.ifPresent(product -> found.put(sku, product));
            }
        }
        if (!missing.isEmpty()) {
            Map<Sku, Product> fetched = bySku(fetch(missing, List.of()));
            missing.forEach(sku -> bySku.put(sku, Optional.ofNullable(fetched.get(sku))));
            found.putAll(fetched);
        }
        return found;
    }

    @Override
    public Map<Sku, ProductOffer> findOffers(Collection<Sku> skus) {
        Map<Sku, ProductOffer> offers = new HashMap<>();
        Set<Sku> distinct = new LinkedHashSet<>(skus);
        if (distinct.isEmpty()) {
            return offers;
        }
        Map<Sku, Product> fetched = bySku(fetch(new ArrayList<>(distinct), List.of()));
        distinct.forEach(sku -> bySku.put(sku, Optional.ofNullable(fetched.get(sku))));
        fetched.forEach((sku, product) -> offers.put(sku, ProductOffer.of(product)));
        return offers;
    }

    @Override
    public void insert(Product product) {
        throw new UnsupportedOperationException("products are kept by product-service: create them there");
    }

    @Override
    public void update(Product product, long expectedVersion) {
        throw new UnsupportedOperationException("products are kept by product-service: change them there");
    }

    @Override
    public List<Product> page(ProductQuery query, Optional<ProductId> after, int limit) {
        throw new UnsupportedOperationException("the catalog is listed by product-service: GET /products there");
    }

    private List<Product> fetch(List<Sku> skus, List<ProductId> ids) {
        List<Product> products = new ArrayList<>();
        // product-service answers at most MAX_NAMES names per call
        for (int from = 0; from < skus.size() + ids.size(); from += ProductLookupRoutes.MAX_NAMES) {
            StringBuilder query = new StringBuilder();
            int to = Math.min(from + ProductLookupRoutes.MAX_NAMES, skus.size() + ids.size());
            for (int i = from; i < to; i++) {
                query.append(query.length() == 0 ? '?' : '&');
                if (i < skus.size()) {
                    query.append("sku=").append(RemoteCalls.segment(skus.get(i).value()));
                } else {
                    query.append("id=").append(ids.get(i - skus.size()));
                }
            }
            products.addAll(read(calls.send("products", calls.request(ProductLookupRoutes.PATH + query).GET(), true)));
        }
        return products;
    }

    private List<Product> read(RemoteCalls.Response response) {
        if (!response.succeeded()) {
            RuntimeException answer = response.problem().exception();
            throw answer instanceof CommerceException ? answer
                    : new RemoteCallException("product-service refused a look-up: " + answer.getMessage(), answer);
        }
        try {
            ProductLookupRoutes.Found found = MAPPER.readValue(response.body(), ProductLookupRoutes.Found.class);
            return found.products().stream().map(ProductRecord::toProduct).toList();
        } catch (IOException | RuntimeException e) {
            throw new RemoteCallException("product-service answered a look-up with an unreadable body", e);
        }
    }

    private static Map<Sku, Product> bySku(List<Product> products) {
        Map<Sku, Product> map = new HashMap<>();
        products.forEach(product -> map.put(product.sku(), product));
        return map;
    }
}
