package dev.cartwright.examples.api;

/**
 * A service this request needed did not answer in time, or answered with a failure of its own; the outcome of the
 * call is unknown. The API answers {@code 503 SERVICE_UNAVAILABLE} problem JSON with {@code Retry-After}, and the
 * client may repeat its request (with the same {@code Idempotency-Key} where the route takes one).
 *
 * <p>Deliberately not a {@link dev.cartwright.error.CommerceException}: those are answers, and a port of the core
 * that calls another service (such as {@link dev.cartwright.inventory.StockService}) reports an unknown outcome
 * with anything else.
 */
public class DependencyUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was called and what went wrong, for the log; clients see a generic detail
     * @param cause the failure, if any
     */
    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
