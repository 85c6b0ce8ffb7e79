package dev.cartwright.order;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * An order was cancelled, by its customer, staff or expiry.
 *
 * @param orderId the order
 * @param actor who cancelled it, as in its history
 * @param occurredAt when
 */
public record OrderCancelled(OrderId orderId, String actor, Instant occurredAt) implements OrderEvent {

    /** Validates. */
    public OrderCancelled {
        Validate.notNull(orderId, "orderId");
        Validate.notNull(actor, "actor");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
