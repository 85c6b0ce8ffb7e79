package dev.cartwright.order;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.money.Money;

/**
 * One line of an order: a snapshot of the product and its price taken at checkout, never changed after.
 * Immutable and thread-safe.
 *
 * @param sku the SKU
 * @param productId the product
 * @param name the product's name at checkout
 * @param unitPrice the price of one unit at checkout
 * @param quantity how many, at least 1
 * @param subtotal {@code unitPrice * quantity}
 * @param discount the part of the order's discounts on this line
 * @param tax the tax on (or in, with tax-inclusive prices) {@code subtotal - discount}
 * @param total {@code subtotal - discount}, plus {@code tax} if prices exclude tax
 * @param reservationId the stock reservation made for it
 */
public record OrderLine(Sku sku, ProductId productId, String name, Money unitPrice,
        long quantity, Money subtotal, Money discount, Money tax, Money total, ReservationId reservationId) {

    /**
     * Validates, including {@code subtotal == unitPrice * quantity} and no negative amount.
     *
     * @throws CommerceException {@code VALIDATION} naming the bad field
     */
    public OrderLine {
        Validate.notNull(sku, "sku");
        Validate.notNull(productId, "productId");
        Validate.notNull(name, "name");
        Validate.notNull(unitPrice, "unitPrice");
        Validate.positive(quantity, "quantity");
        Validate.notNull(subtotal, "subtotal");
        Validate.notNull(discount, "discount");
        Validate.notNull(tax, "tax");
        Validate.notNull(total, "total");
        Validate.notNull(reservationId, "reservationId");
        for (Money amount : new Money[] {unitPrice, subtotal, discount, tax, total}) {
            if (amount.isNegative()) {
                throw CommerceException.invalid("lines", "must not hold a negative amount");
            }
        }
        if (!unitPrice.times(quantity).equals(subtotal)) {
            throw CommerceException.invalid("subtotal", "must be unitPrice * quantity");
        }
        if (discount.compareTo(subtotal) > 0) {
            throw CommerceException.invalid("discount", "must not exceed the subtotal");
        }
    }
}
