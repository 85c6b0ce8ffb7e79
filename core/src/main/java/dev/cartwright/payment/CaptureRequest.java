package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.money.Money;

/**
 * Asks a {@link PaymentGateway} to capture part or the rest of an authorization.
 *
 * @param gatewayPaymentId the gateway's id of the authorized payment
 * @param amount the amount to capture now; positive
 * @param idempotencyKey the key that makes retries of this capture harmless; distinct from the
 *     authorization's and from every other capture's
 */
public record CaptureRequest(String gatewayPaymentId, Money amount, String idempotencyKey) {

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} for a blank id or key or a non-positive amount
     */
    public CaptureRequest {
        PaymentChecks.text(gatewayPaymentId, "gatewayPaymentId");
        PaymentChecks.positive(amount, "amount");
        PaymentChecks.text(idempotencyKey, "idempotencyKey");
    }
}
