package dev.cartwright.payment;

/**
 * The gateway did not answer in time: the operation may well have been performed. Retry with
 * {@link #idempotencyKey()} to learn its outcome.
 */
public class GatewayTimeoutException extends PaymentGatewayException {

    private static final long serialVersionUID = 1L;

    /**
     * @param idempotencyKey the key of the operation whose outcome is unknown
     * @param message what timed out
     */
    public GatewayTimeoutException(String idempotencyKey, String message) {
        super(idempotencyKey, message, null);
    }
}
