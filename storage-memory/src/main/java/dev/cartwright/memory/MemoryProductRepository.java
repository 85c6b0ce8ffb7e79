package dev.cartwright.memory;

import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductRepository;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Products in memory: a table by id and a unique index by SKU. Guarded by the store's lock. */
final class MemoryProductRepository implements ProductRepository {

    private final MemoryTable<ProductId, Product> byId;
    private final MemoryTable<Sku, ProductId> idBySku;

    MemoryProductRepository(Journal journal) {
        this.byId = journal.table();
        this.idBySku = journal.table();
    }

    @Override
    public void insert(Product product) {
        if (idBySku.contains(product.sku())) {
            throw new CommerceException(ErrorCode.CONFLICT, "sku",
                    "a product with SKU " + product.sku() + " already exists", null);
        }
        if (byId.contains(product.id())) {
            throw CommerceException.conflict("a product with id " + product.id() + " already exists");
        }
        byId.put(product.id(), product);
        idBySku.put(product.sku(), product.id());
    }

    @Override
    public Optional<Product> findById(ProductId id) {
        return byId.get(id);
    }

    @Override
    public Optional<Product> findBySku(Sku sku) {
        return idBySku.get(sku).flatMap(byId::get);
    }

    @Override
    public Map<Sku, Product> findAllBySku(Collection<Sku> skus) {
        Map<Sku, Product> found = new LinkedHashMap<>();
        for (Sku sku : skus) {
            findBySku(sku).ifPresent(product -> found.put(sku, product));
        }
        return found;
    }
}
