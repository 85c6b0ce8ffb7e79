package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;

/**
 * The gateway failed to give a definite answer ({@link ErrorCode#PAYMENT_GATEWAY_UNAVAILABLE}). The
 * operation may or may not have been performed: retry it, or {@link PaymentGateway#lookup(String)},
 * with {@link #idempotencyKey()} to learn which, without charging twice.
 */
public class PaymentGatewayException extends CommerceException {

    private static final long serialVersionUID = 1L;

    private final String idempotencyKey;

    /**
     * @param idempotencyKey the key of the operation whose outcome is unknown
     * @param message what failed
     * @param cause the underlying failure, or {@code null}
     */
    public PaymentGatewayException(String idempotencyKey, String message, Throwable cause) {
        super(ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null, message, cause);
        this.idempotencyKey = Validate.notNull(idempotencyKey, "idempotencyKey");
    }

    /** @return the key to retry the operation with */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
