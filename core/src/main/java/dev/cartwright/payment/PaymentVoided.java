package dev.cartwright.payment;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * An authorization was released without any capture.
 *
 * @param paymentId the payment
 * @param reference what it paid
 * @param occurredAt when it was recorded
 */
public record PaymentVoided(PaymentId paymentId, String reference, Instant occurredAt) implements PaymentEvent {

    /** Validates. */
    public PaymentVoided {
        Validate.notNull(paymentId, "paymentId");
        Validate.notNull(reference, "reference");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
