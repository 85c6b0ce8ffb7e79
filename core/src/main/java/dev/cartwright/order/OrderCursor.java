package dev.cartwright.order;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * Where a page of a customer's orders ended, for keyset paging newest first: the next page holds the
 * orders placed before {@code placedAt}, or at it with a smaller id. Immutable and thread-safe.
 *
 * @param placedAt the last order's placing time
 * @param id the last order's id
 */
public record OrderCursor(Instant placedAt, OrderId id) {

    /** Validates. */
    public OrderCursor {
        Validate.notNull(placedAt, "placedAt");
        Validate.notNull(id, "id");
    }

    /**
     * @param order the last order of a page
     * @return the cursor after it
     */
    public static OrderCursor after(Order order) {
        return new OrderCursor(order.placedAt(), order.id());
    }

    /**
     * @param order an order
     * @return whether it comes after this cursor, newest first
     */
    public boolean precedes(Order order) {
        int byTime = order.placedAt().compareTo(placedAt);
        return byTime < 0 || (byTime == 0 && order.id().compareTo(id) < 0);
    }
}
