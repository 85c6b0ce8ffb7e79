package dev.cartwright.event;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.time.Duration;

/**
 * When {@link EventDelivery} tries an event again after a listener threw, and when it gives up and parks it
 * (see {@link ParkedEvents}). The wait doubles with each failed attempt, from {@code firstDelay} up to
 * {@code maxDelay}; the attempt that makes {@code maxAttempts} failures parks the event instead. While an
 * event waits, the events behind it are delivered, so one event that a listener cannot take never holds up
 * the others. Immutable and thread-safe.
 *
 * @param firstDelay the wait after the first failed attempt, at least 1 millisecond
 * @param maxDelay the longest wait between attempts, at least {@code firstDelay}, at most 1 day
 * @param maxAttempts how many failed attempts park an event, 1 to {@value #MAX_ATTEMPTS}
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, int maxAttempts) {

    /** The largest {@code maxAttempts} allowed. */
    public static final int MAX_ATTEMPTS = 1_000;

    // Declared before DEFAULT, whose construction reads it.
    private static final Duration LONGEST_DELAY = Duration.ofDays(1);

    /**
     * Waits of 1 s, 2 s, 4 s and so on, at most 10 minutes, and parks on the 15th failure: about an hour of
     * trying (1,023 s of doubling, then four waits of 10 minutes), long enough to ride out a listener's
     * short outage, short enough that staff hear of a poisoned event the same hour.
     */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(10), 15);

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} naming the field that is missing or out of range
     */
    public RetrySchedule {
        Validate.notNull(firstDelay, "firstDelay");
        Validate.notNull(maxDelay, "maxDelay");
        if (firstDelay.compareTo(Duration.ofMillis(1)) < 0) {
            // A zero wait would hand a failing event straight back to the next batch, the starvation this prevents.
            throw CommerceException.invalid("firstDelay", "must be at least 1 millisecond");
        }
        if (maxDelay.compareTo(firstDelay) < 0 || maxDelay.compareTo(LONGEST_DELAY) > 0) {
            throw CommerceException.invalid("maxDelay", "must be between firstDelay and 1 day");
        }
        Validate.between(maxAttempts, "maxAttempts", 1, MAX_ATTEMPTS);
    }

    /**
     * @param attempts how many failed attempts park an event, 1 to {@value #MAX_ATTEMPTS}
     * @return this schedule with that limit
     * @throws CommerceException {@code VALIDATION} (field {@code maxAttempts}) if out of range
     */
    public RetrySchedule withMaxAttempts(int attempts) {
        return new RetrySchedule(firstDelay, maxDelay, attempts);
    }

    /**
     * @param failedAttempts how many attempts have failed, counting the one just made; at least 1
     * @return whether that many failures park the event rather than schedule another attempt
     */
    public boolean parks(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }

    /**
     * @param failedAttempts how many attempts have failed, counting the one just made; at least 1
     * @return how long to wait before the next attempt: {@code firstDelay} doubled once per earlier failure, at
     *     most {@code maxDelay}
     * @throws CommerceException {@code VALIDATION} if {@code failedAttempts} is below 1
     */
    public Duration delayAfter(int failedAttempts) {
        Validate.positive(failedAttempts, "failedAttempts");
        Duration delay = firstDelay;
        // Doubling stops at the cap, so a large attempt count never overflows the duration.
        for (int doubling = 1; doubling < failedAttempts && delay.compareTo(maxDelay) < 0; doubling++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
    }
}
