package dev.cartwright.inventory;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;

/**
 * A {@link StockService} failed to give a definite answer ({@link ErrorCode#STOCK_SERVICE_UNAVAILABLE}): the call
 * may or may not have been performed. Every call to the service is idempotent by its key, so the operation that
 * failed can be repeated as it was.
 */
public class StockServiceException extends CommerceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the underlying failure, or {@code null}
     */
    public StockServiceException(String message, Throwable cause) {
        super(ErrorCode.STOCK_SERVICE_UNAVAILABLE, null, message, cause);
    }
}
