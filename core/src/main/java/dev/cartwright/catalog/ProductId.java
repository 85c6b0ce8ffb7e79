package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * Identifies a product.
 *
 * @param value the UUID
 */
public record ProductId(UUID value) {

    /** Validates the value. */
    public ProductId {
        Validate.notNull(value, "productId");
    }

    /**
     * @param text a UUID in its canonical text form
     * @return the id
     * @throws CommerceException {@code VALIDATION} if it is not a UUID
     */
    public static ProductId parse(String text) {
        Validate.notNull(text, "productId");
        try {
            return new ProductId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("productId", "is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
