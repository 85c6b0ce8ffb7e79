package dev.cartwright.order;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;

/**
 * Money was refunded on an order (by staff, or on cancelling a captured order).
 *
 * @param orderId the order
 * @param amount how much now
 * @param occurredAt when
 */
public record OrderRefunded(OrderId orderId, Money amount, Instant occurredAt) implements OrderEvent {

    /** Validates. */
    public OrderRefunded {
        Validate.notNull(orderId, "orderId");
        Validate.notNull(amount, "amount");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
