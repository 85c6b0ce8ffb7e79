package dev.cartwright.examples.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The budgets of a {@link LoginThrottle}: each is one or more {@link Limit}s that must all allow an attempt.
 * {@link #DEFAULT}: per account, 5 failed logins at once, refilled one a minute, and at most 20 an hour, so the wait
 * grows from none to a minute to three minutes and never further: a guesser gets 20 tries an hour at most, and the
 * owner is never locked out for longer than three minutes. Per client address, 50 failed logins and registrations
 * together in 15 minutes, refilled evenly: room for a shared office's typos, not for a spray of guesses across
 * accounts. At most 100,000 accounts and 100,000 addresses are tracked at once; a key idle for its longest window
 * is forgotten (its budget would be full again by then).
 *
 * @param perAccount the limits on failed logins naming one account
 * @param perAddress the limits on failed logins and registrations from one client address
 * @param maxTracked how many accounts, and how many addresses, are kept at most; the least recently used go first
 */
public record LoginLimits(List<Limit> perAccount, List<Limit> perAddress, int maxTracked) {

    /** The limits described above. */
    public static final LoginLimits DEFAULT = new LoginLimits(
            List.of(new Limit(5, Duration.ofMinutes(5)), new Limit(20, Duration.ofHours(1))),
            List.of(new Limit(50, Duration.ofMinutes(15))),
            100_000);

    /**
     * A token bucket: up to {@code attempts} at once, refilled evenly over {@code per} (one every
     * {@code per / attempts}).
     *
     * @param attempts how many attempts the bucket holds, at least 1
     * @param per how long an empty bucket takes to fill, positive
     */
    public record Limit(int attempts, Duration per) {

        public Limit {
            Objects.requireNonNull(per, "per");
            if (attempts < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a limit needs at least one attempt over a positive time: "
                        + attempts + " per " + per);
            }
        }
    }

    public LoginLimits {
        perAccount = List.copyOf(perAccount);
        perAddress = List.copyOf(perAddress);
        if (perAccount.isEmpty() || perAddress.isEmpty()) {
            throw new IllegalArgumentException("both accounts and addresses need at least one limit");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be positive: " + maxTracked);
        }
    }

    /** @return how long an idle key's budget takes to fill again, the longest window of its limits */
    static Duration refillTime(List<Limit> limits) {
        return limits.stream().map(Limit::per).max(Duration::compareTo).orElseThrow();
    }
}
