package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.money.Money;

/**
 * Asks a {@link PaymentGateway} to refund part or the rest of what was captured.
 *
 * @param gatewayPaymentId the gateway's id of the captured payment
 * @param amount the amount to refund now; positive
 * @param idempotencyKey the key that makes retries of this refund harmless; distinct for each refund
 */
public record RefundRequest(String gatewayPaymentId, Money amount, String idempotencyKey) {

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} for a blank id or key or a non-positive amount
     */
    public RefundRequest {
        PaymentChecks.text(gatewayPaymentId, "gatewayPaymentId");
        PaymentChecks.positive(amount, "amount");
        PaymentChecks.text(idempotencyKey, "idempotencyKey");
    }
}
