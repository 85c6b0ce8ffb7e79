package dev.cartwright.pricing;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;

/**
 * One line to price: a SKU at a unit price, in a quantity. Immutable and thread-safe.
 *
 * @param sku the SKU
 * @param unitPrice the price of one unit, not negative
 * @param quantity how many, at least 1
 * @param taxClass the tax class that the rate is looked up by
 */
public record PricedLine(Sku sku, Money unitPrice, long quantity, String taxClass) {

    /** Validates every field. */
    public PricedLine {
        Validate.notNull(sku, "sku");
        Validate.notNull(unitPrice, "unitPrice");
        if (unitPrice.isNegative()) {
            throw CommerceException.invalid("unitPrice", "must not be negative");
        }
        Validate.positive(quantity, "quantity");
        Validate.notNull(taxClass, "taxClass");
    }
}
