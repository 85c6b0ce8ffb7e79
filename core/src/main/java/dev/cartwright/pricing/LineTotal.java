package dev.cartwright.pricing;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;

/**
 * The priced breakdown of one line. Immutable and thread-safe.
 *
 * @param sku the SKU
 * @param quantity how many
 * @param unitPrice the price of one unit
 * @param subtotal {@code unitPrice * quantity}
 * @param discount the part of every discount that landed on this line
 * @param tax the tax on (exclusive prices) or in (inclusive prices) {@code subtotal - discount}
 * @param total what the line costs: {@code subtotal - discount}, plus {@code tax} if prices exclude tax
 */
public record LineTotal(Sku sku, long quantity, Money unitPrice, Money subtotal, Money discount, Money tax,
        Money total) {

    /** Checks that no part is missing. */
    public LineTotal {
        Validate.notNull(sku, "sku");
        Validate.notNull(unitPrice, "unitPrice");
        Validate.notNull(subtotal, "subtotal");
        Validate.notNull(discount, "discount");
        Validate.notNull(tax, "tax");
        Validate.notNull(total, "total");
    }
}
