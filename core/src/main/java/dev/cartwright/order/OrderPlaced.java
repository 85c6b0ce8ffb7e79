package dev.cartwright.order;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Optional;

/**
 * An order was placed and its payment approved (it became {@link OrderStatus#CONFIRMED}): time to ship it.
 *
 * @param orderId the order
 * @param customerId who placed it; empty for a guest
 * @param grandTotal what was paid
 * @param occurredAt when the payment was recorded
 */
public record OrderPlaced(OrderId orderId, Optional<CustomerId> customerId, Money grandTotal, Instant occurredAt)
        implements OrderEvent {

    /** Validates. */
    public OrderPlaced {
        Validate.notNull(orderId, "orderId");
        Validate.notNull(customerId, "customerId");
        Validate.notNull(grandTotal, "grandTotal");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
