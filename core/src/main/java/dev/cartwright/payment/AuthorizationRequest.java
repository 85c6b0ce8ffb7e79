package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.money.Money;

/**
 * Asks a {@link PaymentGateway} to authorize an amount on a payment method.
 *
 * @param amount the amount; positive
 * @param paymentToken the gateway's token for the payment method; never a card number
 * @param idempotencyKey the key that makes retries of this request harmless
 * @param reference what is being paid, passed to the gateway as the merchant reference
 * @param captureImmediately whether to capture the whole amount in the same step
 */
public record AuthorizationRequest(
        Money amount, String paymentToken, String idempotencyKey, String reference, boolean captureImmediately) {

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} for a non-positive amount, a blank key or
     *     reference, or a token that is blank or looks like a card number (field {@code paymentToken})
     */
    public AuthorizationRequest {
        PaymentChecks.positive(amount, "amount");
        PaymentChecks.token(paymentToken);
        PaymentChecks.text(idempotencyKey, "idempotencyKey");
        PaymentChecks.text(reference, "reference");
    }

    /**
     * The request that authorizes a pending payment under its own idempotency key.
     *
     * @param payment the payment
     * @param captureImmediately whether to capture in the same step
     * @return the request for the payment's amount, token, key and reference
     */
    public static AuthorizationRequest forPayment(Payment payment, boolean captureImmediately) {
        return new AuthorizationRequest(payment.amount(), payment.method().token(), payment.idempotencyKey(),
                payment.reference(), captureImmediately);
    }
}
