package dev.cartwright.examples.api;

import java.time.Duration;

/**
 * A call refused before it could spend the server's time: too many failed attempts ({@code 429}, code
 * {@value #TOO_MANY_REQUESTS}) or no free slot to hash a password in ({@code 503}, code
 * {@value #SERVICE_UNAVAILABLE}). {@link ShopApi} answers it as problem JSON with {@code Retry-After} in whole
 * seconds, at least one.
 */
final class ThrottledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problem code of a {@code 429}. */
    static final String TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS";
    /** The problem code of a {@code 503} that no core error code describes. */
    static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private final int status;
    private final String code;
    private final Duration retryAfter;

    private ThrottledException(int status, String code, Duration retryAfter, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** @return the refusal of an attempt over its budget */
    static ThrottledException tooManyAttempts(Duration retryAfter) {
        return new ThrottledException(429, TOO_MANY_REQUESTS, retryAfter,
                "too many attempts for this account or from this address; retry after the seconds in Retry-After");
    }

    /** @return the refusal of a call that found no slot to hash in */
    static ThrottledException busy(Duration retryAfter) {
        return new ThrottledException(503, SERVICE_UNAVAILABLE, retryAfter,
                "the server is busy checking passwords; retry later");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** @return the wait in whole seconds, rounded up, at least one */
    long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
