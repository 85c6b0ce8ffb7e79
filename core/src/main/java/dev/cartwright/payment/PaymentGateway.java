package dev.cartwright.payment;

import java.util.Optional;

/**
 * The SPI to a card network or payment provider. A host adapts its provider's client to it;
 * {@link SimulatedPaymentGateway} stands in for one in tests and demos.
 *
 * <p>Every operation is idempotent by its request's idempotency key: a repeat with the same key
 * returns the first answer and never moves money again. A definite outcome is a {@link GatewayResult}
 * (a decline is a result, not an exception); when the outcome is unknown (time-out, network or
 * provider failure) the operation throws {@link PaymentGatewayException} carrying the key to retry
 * with. Misuse that the gateway refuses outright (capturing more than authorized, an unknown gateway
 * payment id, a card number instead of a token) throws another {@code CommerceException}.
 *
 * <p>Callers never invoke a gateway while a store transaction is open. Implementations must be
 * thread-safe.
 */
public interface PaymentGateway {

    /**
     * Authorizes an amount, and captures it too if the request says so.
     *
     * @param request what to authorize
     * @return {@link GatewayResult.Approved} with the gateway's payment id and the amount authorized,
     *     or {@link GatewayResult.Declined}
     * @throws PaymentGatewayException if the outcome is unknown
     */
    GatewayResult authorize(AuthorizationRequest request);

    /**
     * Captures part or the rest of an authorization.
     *
     * @param request what to capture
     * @return {@link GatewayResult.Approved} with the amount captured now, or {@link GatewayResult.Declined}
     * @throws PaymentGatewayException if the outcome is unknown
     */
    GatewayResult capture(CaptureRequest request);

    /**
     * Releases an authorization that nothing was captured from.
     *
     * @param request what to void
     * @return {@link GatewayResult.Approved} with a zero amount, or {@link GatewayResult.Declined}
     * @throws PaymentGatewayException if the outcome is unknown
     */
    GatewayResult voidAuthorization(VoidRequest request);

    /**
     * Refunds part or the rest of what was captured.
     *
     * @param request what to refund
     * @return {@link GatewayResult.Approved} with the amount refunded now, or {@link GatewayResult.Declined}
     * @throws PaymentGatewayException if the outcome is unknown
     */
    GatewayResult refund(RefundRequest request);

    /**
     * Asks what became of the operation sent with {@code idempotencyKey}, for recovery after a crash
     * or an unknown outcome. Never performs anything.
     *
     * @param idempotencyKey the key of any earlier operation
     * @return its recorded result, or empty if the gateway never performed or declined it
     * @throws PaymentGatewayException if the gateway cannot be asked
     */
    Optional<GatewayResult> lookup(String idempotencyKey);
}
