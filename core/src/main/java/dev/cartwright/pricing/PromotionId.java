package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * Identifies a promotion.
 *
 * @param value the UUID
 */
public record PromotionId(UUID value) {

    /** Validates the value. */
    public PromotionId {
        Validate.notNull(value, "promotionId");
    }

    /**
     * @param text a UUID in its canonical text form
     * @return the id
     * @throws CommerceException {@code VALIDATION} if it is not a UUID
     */
    public static PromotionId parse(String text) {
        Validate.notNull(text, "promotionId");
        try {
            return new PromotionId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("promotionId", "is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
