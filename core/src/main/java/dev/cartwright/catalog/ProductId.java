package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * Identifies a product. Ordered as unsigned 128-bit numbers, the order in which databases sort
 * UUID columns, so keyset pagination pages the same way on every adapter; time-ordered ids
 * therefore list in creation order.
 *
 * @param value the UUID
 */
public record ProductId(UUID value) implements Comparable<ProductId> {

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

    /** Compares as unsigned 128-bit numbers, most significant bits first. */
    @Override
    public int compareTo(ProductId other) {
        int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
