package dev.cartwright.customer;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * Identifies a registered customer.
 *
 * @param value the UUID
 */
public record CustomerId(UUID value) {

    /** Validates the value. */
    public CustomerId {
        Validate.notNull(value, "customerId");
    }

    /**
     * @param text a UUID in its canonical text form
     * @return the id
     * @throws CommerceException {@code VALIDATION} if it is not a UUID
     */
    public static CustomerId parse(String text) {
        Validate.notNull(text, "customerId");
        try {
            return new CustomerId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("customerId", "is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
