package dev.cartwright.order;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * The identity of an {@link Order}. Immutable and thread-safe.
 *
 * @param value the UUID
 */
public record OrderId(UUID value) implements Comparable<OrderId> {

    /** Rejects a null value. */
    public OrderId {
        Validate.notNull(value, "orderId");
    }

    /**
     * @param text a UUID in its canonical text form
     * @return the id
     * @throws CommerceException {@code VALIDATION} if it is not a UUID
     */
    public static OrderId parse(String text) {
        Validate.notNull(text, "orderId");
        try {
            return new OrderId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("orderId", "is not a UUID: " + text);
        }
    }

    @Override
    public int compareTo(OrderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
