package dev.cartwright.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The port through which the catalog stores products. Used only inside a transaction.
 */
public interface ProductRepository {

    /**
     * Stores a new product.
     *
     * @param product the product
     * @throws dev.cartwright.error.CommerceException {@code CONFLICT} if another product has the same SKU
     */
    void insert(Product product);

    /**
     * @param id the id
     * @return the product, archived or not
     */
    Optional<Product> findById(ProductId id);

    /**
     * @param sku the SKU, matched exactly
     * @return the product, archived or not
     */
    Optional<Product> findBySku(Sku sku);

    /**
     * Loads several products in one round trip.
     *
     * @param skus the SKUs
     * @return the products found, by SKU; missing SKUs are absent
     */
    Map<Sku, Product> findAllBySku(Collection<Sku> skus);
}
