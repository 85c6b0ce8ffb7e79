package dev.cartwright.cart;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;

/**
 * One product in a cart, with a snapshot of its name, price and tax class taken when it was last added.
 * Immutable and thread-safe.
 *
 * @param sku the SKU
 * @param productId the product
 * @param name the product's name when added
 * @param unitPrice the product's price when added, which the cart is priced at
 * @param taxClass the product's tax class when added
 * @param quantity how many, at least 1
 */
public record CartLine(Sku sku, ProductId productId, String name, Money unitPrice, String taxClass, long quantity) {

    /** Validates every field. */
    public CartLine {
        Validate.notNull(sku, "sku");
        Validate.notNull(productId, "productId");
        Validate.notNull(name, "name");
        Validate.notNull(unitPrice, "unitPrice");
        if (unitPrice.isNegative()) {
            throw CommerceException.invalid("unitPrice", "must not be negative");
        }
        Validate.notNull(taxClass, "taxClass");
        Validate.positive(quantity, "quantity");
    }

    /** @return {@code unitPrice * quantity} */
    public Money subtotal() {
        return unitPrice.times(quantity);
    }

    CartLine withQuantity(long newQuantity) {
        return new CartLine(sku, productId, name, unitPrice, taxClass, newQuantity);
    }
}
