package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;

/**
 * Asks a {@link PaymentGateway} to release an authorization that nothing was captured from.
 *
 * @param gatewayPaymentId the gateway's id of the authorized payment
 * @param idempotencyKey the key that makes retries of this void harmless
 */
public record VoidRequest(String gatewayPaymentId, String idempotencyKey) {

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} for a blank id or key
     */
    public VoidRequest {
        PaymentChecks.text(gatewayPaymentId, "gatewayPaymentId");
        PaymentChecks.text(idempotencyKey, "idempotencyKey");
    }
}
