package dev.cartwright.payment;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * A payment ended without a charge: declined by the gateway or given up on.
 *
 * @param paymentId the payment
 * @param reference what it was to pay
 * @param status {@link PaymentStatus#DECLINED} or {@link PaymentStatus#FAILED}
 * @param reason the {@link DeclineReason} name, or why it was given up on
 * @param occurredAt when it was recorded
 */
public record PaymentFailed(PaymentId paymentId, String reference, PaymentStatus status, String reason,
        Instant occurredAt) implements PaymentEvent {

    /** Validates. */
    public PaymentFailed {
        Validate.notNull(paymentId, "paymentId");
        Validate.notNull(reference, "reference");
        Validate.notNull(status, "status");
        Validate.notNull(reason, "reason");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
