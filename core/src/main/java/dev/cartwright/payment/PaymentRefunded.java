package dev.cartwright.payment;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;

/**
 * Money was refunded.
 *
 * @param paymentId the payment
 * @param reference what it pays
 * @param amount the amount refunded now
 * @param totalRefunded the total refunded so far, this refund included
 * @param occurredAt when it was recorded
 */
public record PaymentRefunded(PaymentId paymentId, String reference, Money amount, Money totalRefunded,
        Instant occurredAt) implements PaymentEvent {

    /** Validates. */
    public PaymentRefunded {
        Validate.notNull(paymentId, "paymentId");
        Validate.notNull(reference, "reference");
        Validate.notNull(amount, "amount");
        Validate.notNull(totalRefunded, "totalRefunded");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
