package dev.cartwright.error;

/**
 * The stable, machine-readable reason a Cartwright operation failed.
 *
 * <p>Codes are part of the public API: an HTTP host maps them to statuses in one table, and a
 * code is never renamed or reused for another meaning.
 */
public enum ErrorCode {
    /** An argument is missing, malformed or out of range; {@link CommerceException#field()} names it. */
    VALIDATION,
    /** The thing asked for does not exist (or is not visible to the caller). */
    NOT_FOUND,
    /** A concurrent change or a unique value (SKU, e-mail, idempotency key) collided with this one. */
    CONFLICT,
    /**
     * The same request (same idempotency key) is still being processed by an earlier call; retry shortly and
     * the earlier call's answer is returned.
     */
    IN_PROGRESS,
    /** There is not enough available stock for the requested quantity. */
    INSUFFICIENT_STOCK,
    /** A configured limit (lines per cart, quantity per line, promotion usage) would be exceeded. */
    LIMIT_EXCEEDED,
    /** A promotion exists but does not apply now (outside its window, below its minimum subtotal). */
    PROMOTION_NOT_APPLICABLE,
    /** Two amounts in different currencies were combined. */
    CURRENCY_MISMATCH,
    /** An amount does not fit in a {@code long} of minor units. */
    ARITHMETIC_OVERFLOW,
    /** The payment provider declined the payment. */
    PAYMENT_DECLINED,
    /**
     * The payment gateway failed or did not answer in time, so the outcome may be unknown; retry with
     * the same idempotency key, which the exception carries, to learn it without charging twice.
     */
    PAYMENT_GATEWAY_UNAVAILABLE,
    /** Credentials or a session token were missing, wrong or expired. */
    UNAUTHENTICATED,
    /** The caller is known but may not act on this resource. */
    FORBIDDEN,
    /** The aggregate's current state does not allow the requested change. */
    INVALID_TRANSITION,
    /** The storage adapter failed; the cause is attached. */
    STORAGE,
    /**
     * The service that keeps the stock failed or did not answer in time, so the outcome may be unknown; the call
     * is safe to repeat, as every call to it is idempotent by its key.
     */
    STOCK_SERVICE_UNAVAILABLE
}
