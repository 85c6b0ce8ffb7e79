package dev.cartwright.payment;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;

/**
 * The gateway authorized a payment.
 *
 * @param paymentId the payment
 * @param reference what it pays
 * @param amount the amount authorized
 * @param occurredAt when it was recorded
 */
public record PaymentAuthorized(PaymentId paymentId, String reference, Money amount, Instant occurredAt)
        implements PaymentEvent {

    /** Validates. */
    public PaymentAuthorized {
        Validate.notNull(paymentId, "paymentId");
        Validate.notNull(reference, "reference");
        Validate.notNull(amount, "amount");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
