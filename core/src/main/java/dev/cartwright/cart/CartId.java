package dev.cartwright.cart;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * Identifies a cart.
 *
 * @param value the UUID
 */
public record CartId(UUID value) {

    /** Validates the value. */
    public CartId {
        Validate.notNull(value, "cartId");
    }

    /**
     * @param text a UUID in its canonical text form
     * @return the id
     * @throws CommerceException {@code VALIDATION} if it is not a UUID
     */
    public static CartId parse(String text) {
        Validate.notNull(text, "cartId");
        try {
            return new CartId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("cartId", "is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
