package dev.cartwright.memory;

import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.catalog.ProductRepository;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Products in a table sorted by id, with a unique index by SKU. */
final class MemoryProductRepository implements ProductRepository {

    private final MemoryTable<ProductId, Product> byId;
    private final MemoryTable<Sku, ProductId> bySku;

    MemoryProductRepository(Journal journal) {
        this.byId = journal.sortedTable();
        this.bySku = journal.table();
    }

    @Override
    public Optional<Product> findById(ProductId id) {
        return byId.get(id);
    }

    @Override
    public Optional<Product> findBySku(Sku sku) {
        return bySku.get(sku).flatMap(byId::get);
    }

    @Override
    public Map<Sku, Product> findAllBySku(Collection<Sku> skus) {
        Map<Sku, Product> found = new HashMap<>();
        for (Sku sku : skus) {
            findBySku(sku).ifPresent(product -> found.put(sku, product));
        }
        return found;
    }

    @Override
    public void insert(Product product) {
        if (bySku.contains(product.sku())) {
            throw new CommerceException(ErrorCode.CONFLICT, "sku", "sku is already in use: " + product.sku(), null);
        }
        if (byId.contains(product.id())) {
            throw CommerceException.conflict("product id is already in use: " + product.id());
        }
        byId.put(product.id(), product);
        bySku.put(product.sku(), product.id());
    }

    @Override
    public void update(Product product, long expectedVersion) {
        Optional<Product> stored = byId.get(product.id());
        if (stored.isEmpty() || stored.get().version() != expectedVersion) {
            throw CommerceException.conflict("product changed concurrently: " + product.id());
        }
        byId.put(product.id(), product);
    }

    @Override
    public List<Product> page(ProductQuery query, Optional<ProductId> after, int limit) {
        Collection<Product> candidates = after.isPresent()
                ? byId.sorted().tailMap(after.get(), false).values()
                : byId.sorted().values();
        Optional<String> text = query.text().map(search -> search.toLowerCase(Locale.ROOT));
        List<Product> page = new ArrayList<>(Math.min(limit, 128));
        for (Product product : candidates) {
            if (page.size() == limit) {
                break;
            }
            if (matches(product, query, text)) {
                page.add(product);
            }
        }
        return page;
    }

    private static boolean matches(Product product, ProductQuery query, Optional<String> lowerCaseText) {
        if (!query.includeArchived() && !product.isActive()) {
            return false;
        }
        if (query.category().isPresent() && !product.categories().contains(query.category().get())) {
            return false;
        }
        return lowerCaseText.isEmpty()
                || product.name().toLowerCase(Locale.ROOT).contains(lowerCaseText.get())
                || product.description().toLowerCase(Locale.ROOT).contains(lowerCaseText.get());
    }
}
