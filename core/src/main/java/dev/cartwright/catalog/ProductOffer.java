package dev.cartwright.catalog;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;

/**
 * What selling a product needs of it, and no more: a checkout prices its lines from offers, so that it reads one
 * row per product instead of the product with its categories and attributes.
 *
 * @param id the product
 * @param sku its SKU
 * @param name its display name
 * @param price its unit price
 * @param taxClass its tax class
 * @param active whether it is for sale
 */
public record ProductOffer(ProductId id, Sku sku, String name, Money price, String taxClass, boolean active) {

    /** Validates. */
    public ProductOffer {
        Validate.notNull(id, "id");
        Validate.notNull(sku, "sku");
        Validate.notNull(name, "name");
        Validate.notNull(price, "price");
        Validate.notNull(taxClass, "taxClass");
    }

    /**
     * @param product a product
     * @return its offer
     */
    public static ProductOffer of(Product product) {
        Validate.notNull(product, "product");
        return new ProductOffer(product.id(), product.sku(), product.name(), product.price(), product.taxClass(),
                product.isActive());
    }
}
