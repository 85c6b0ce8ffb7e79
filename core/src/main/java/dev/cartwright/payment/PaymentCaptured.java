package dev.cartwright.payment;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;

/**
 * Money was captured.
 *
 * @param paymentId the payment
 * @param reference what it pays
 * @param amount the amount captured now
 * @param totalCaptured the total captured so far, this capture included
 * @param occurredAt when it was recorded
 */
public record PaymentCaptured(PaymentId paymentId, String reference, Money amount, Money totalCaptured,
        Instant occurredAt) implements PaymentEvent {

    /** Validates. */
    public PaymentCaptured {
        Validate.notNull(paymentId, "paymentId");
        Validate.notNull(reference, "reference");
        Validate.notNull(amount, "amount");
        Validate.notNull(totalCaptured, "totalCaptured");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
