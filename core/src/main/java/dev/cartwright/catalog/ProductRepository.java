package dev.cartwright.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port through which the catalog stores products. Used only inside a transaction.
 *
 * <p>Each method is meant to be one statement on an indexed table: by id (primary key), by SKU
 * (unique index), by category (a product-category table indexed on category, id) and in id order.
 */
public interface ProductRepository {

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

    /**
     * Loads what selling several products needs, in one round trip: less than {@link #findAllBySku}, which also
     * loads categories and attributes. The default derives the offers from {@link #findAllBySku}.
     *
     * @param skus the SKUs
     * @return the offers found, by SKU, archived products included; missing SKUs are absent
     */
    default Map<Sku, ProductOffer> findOffers(Collection<Sku> skus) {
        Map<Sku, ProductOffer> offers = new HashMap<>();
        findAllBySku(skus).forEach((sku, product) -> offers.put(sku, ProductOffer.of(product)));
        return offers;
    }

    /**
     * Stores a new product.
     *
     * @param product the product, at version 0
     * @throws dev.cartwright.error.CommerceException {@code CONFLICT} with field {@code sku} if a
     *     product already has its SKU, or {@code CONFLICT} if one already has its id
     */
    void insert(Product product);

    /**
     * Replaces a stored product if nobody changed it since it was read: one guarded
     * {@code UPDATE ... WHERE id = ? AND version = ?}. The SKU never changes.
     *
     * @param product the new state, with its version already incremented
     * @param expectedVersion the version the change was made from
     * @throws dev.cartwright.error.CommerceException {@code CONFLICT} if the stored version is not
     *     {@code expectedVersion} or the product is gone
     */
    void update(Product product, long expectedVersion);

    /**
     * One page of a listing, in ascending {@link ProductId} order.
     *
     * @param query the filters: {@link ProductQuery#category()}, {@link ProductQuery#text()} (a
     *     substring of the name or description, compared in lower case by {@code Locale.ROOT}) and
     *     {@link ProductQuery#includeArchived()}; its limit and cursor are given decoded below
     * @param after list only products whose id is greater than this
     * @param limit the most products to return
     * @return up to {@code limit} matching products, in id order
     */
    List<Product> page(ProductQuery query, Optional<ProductId> after, int limit);
}
