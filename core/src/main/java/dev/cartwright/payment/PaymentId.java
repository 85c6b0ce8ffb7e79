package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * Identifies a payment.
 *
 * @param value the UUID
 */
public record PaymentId(UUID value) {

    /** Validates the value. */
    public PaymentId {
        Validate.notNull(value, "paymentId");
    }

    /**
     * @param text a UUID in its canonical text form
     * @return the id
     * @throws CommerceException {@code VALIDATION} if it is not a UUID
     */
    public static PaymentId parse(String text) {
        Validate.notNull(text, "paymentId");
        try {
            return new PaymentId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("paymentId", "is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
