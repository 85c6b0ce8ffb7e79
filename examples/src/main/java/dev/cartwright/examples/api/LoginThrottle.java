package dev.cartwright.examples.api;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;

/**
 * How many password guesses a caller may make: the port between the route table and whatever keeps count. Each
 * login claims one attempt from its account's budget (the normalised e-mail) and one from its client address's
 * budget before any password is hashed; a login that opens a session gives both back, so only failures count. Each
 * registration claims one attempt from its address's budget, which it keeps (it hashed a password and made an
 * account). An attempt that never hashed (invalid input, no free slot) is refunded. A refused claim says how long to wait.
 *
 * <p>{@link #inProcess(LoginLimits)} keeps the budgets in this process; several instances behind one address would
 * each keep their own, so a deployment of many shares them through an implementation over a common store (Bucket4j
 * has backends for Redis, JDBC, Hazelcast and others). Implementations are thread-safe.
 */
public interface LoginThrottle {

    /**
     * The answer to a claim.
     *
     * @param admitted whether the attempt may go on
     * @param retryAfter when refused, how long until an attempt would be admitted; zero when admitted
     */
    record Decision(boolean admitted, Duration retryAfter) {

        /** An admitted attempt. */
        public static final Decision ADMITTED = new Decision(true, Duration.ZERO);

        public Decision {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative() || admitted && !retryAfter.isZero()) {
                throw new IllegalArgumentException("retryAfter must be zero when admitted, and never negative");
            }
        }

        /** @return a refusal, to be retried after {@code wait} */
        public static Decision refused(Duration wait) {
            return new Decision(false, wait);
        }
    }

    /**
     * Claims one login attempt from the account's and the address's budgets, or neither.
     *
     * @param account the normalised e-mail the login names
     * @param clientAddress the caller's address, as {@link Exchange#clientAddress()} gives it
     * @return admitted, or refused with the wait of the budget that refused it (the address's is asked first)
     */
    Decision tryLogin(String account, String clientAddress);

    /**
     * A login admitted by {@link #tryLogin} opened a session: the account's failures are forgotten and the address's
     * attempt is given back.
     */
    void loggedIn(String account, String clientAddress);

    /**
     * Claims one registration from the address's budget.
     *
     * @return admitted, or refused with how long to wait
     */
    Decision tryRegister(String clientAddress);

    /**
     * A login admitted by {@link #tryLogin} never got to check its password (no slot was free to hash it in): gives
     * back what it took, forgetting nothing else.
     */
    void refundLogin(String account, String clientAddress);

    /**
     * A registration admitted by {@link #tryRegister} never hashed (its input was invalid, or no slot was free):
     * gives back what it took.
     */
    void refundRegistration(String clientAddress);

    /** @return a throttle that admits everything, for hosts that limit elsewhere */
    static LoginThrottle unlimited() {
        return new LoginThrottle() {
            @Override
            public Decision tryLogin(String account, String clientAddress) {
                return Decision.ADMITTED;
            }

            @Override
            public void loggedIn(String account, String clientAddress) {
            }

            @Override
            public Decision tryRegister(String clientAddress) {
                return Decision.ADMITTED;
            }

            @Override
            public void refundLogin(String account, String clientAddress) {
            }

            @Override
            public void refundRegistration(String clientAddress) {
            }
        };
    }

    /**
     * @param limits the budgets
     * @return a throttle that keeps its budgets in this process, on Bucket4j token buckets held in bounded,
     *     expiring maps, timed by the system's nano clock
     */
    static LoginThrottle inProcess(LoginLimits limits) {
        return inProcess(limits, Ticker.systemTicker());
    }

    /**
     * @param limits the budgets
     * @param ticker the nanosecond clock the buckets refill by and their maps expire by; a test's own moves at will
     * @return a throttle that keeps its budgets in this process
     */
    static LoginThrottle inProcess(LoginLimits limits, Ticker ticker) {
        return new BucketLoginThrottle(limits, ticker);
    }
}
