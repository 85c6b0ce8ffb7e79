package dev.cartwright.order;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.money.Money;
import java.util.Optional;

/**
 * One line of an order: a snapshot of the product and its price taken at checkout, never changed after, and
 * how many of its units came back into stock since. Immutable and thread-safe.
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
 * @param reservationId the stock reservation that holds its units while the order waits for its payment, or null
 *     for a line whose units were sold when the order was placed
 * @param returned how many of its units were put back in stock by refunds, 0 to {@code quantity}
 */
public record OrderLine(Sku sku, ProductId productId, String name, Money unitPrice,
        long quantity, Money subtotal, Money discount, Money tax, Money total, ReservationId reservationId,
        long returned) {

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
        Validate.notNegative(returned, "returned");
        if (returned > quantity) {
            throw CommerceException.invalid("returned", "must not exceed the quantity");
        }
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

    /**
     * A line with nothing returned yet.
     *
     * @throws CommerceException {@code VALIDATION} as the canonical constructor does
     */
    public OrderLine(Sku sku, ProductId productId, String name, Money unitPrice, long quantity, Money subtotal,
            Money discount, Money tax, Money total, ReservationId reservationId) {
        this(sku, productId, name, unitPrice, quantity, subtotal, discount, tax, total, reservationId, 0);
    }

    /** @return the reservation holding this line's units, unless they were sold when the order was placed */
    public Optional<ReservationId> reservation() {
        return Optional.ofNullable(reservationId);
    }

    /** @return how many of its units may still come back into stock */
    public long returnable() {
        return quantity - returned;
    }

    /**
     * @param units how many more units came back, at most {@link #returnable()}
     * @return the line with them counted
     * @throws CommerceException {@code VALIDATION} (field {@code restock}) for more than are returnable
     */
    OrderLine withReturned(long units) {
        if (units < 0 || units > returnable()) {
            throw CommerceException.invalid("restock", "must not exceed the " + returnable() + " units of " + sku
                    + " not yet returned");
        }
        return new OrderLine(sku, productId, name, unitPrice, quantity, subtotal, discount, tax, total,
                reservationId, returned + units);
    }
}
