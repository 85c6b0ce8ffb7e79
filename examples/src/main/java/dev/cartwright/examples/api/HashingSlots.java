package dev.cartwright.examples.api;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many password hashings (a login, a registration) run at once: a few slots, by default as many as the
 * machine has cores, and a short wait for one; a call that finds none free in time is refused {@code 503} with
 * {@code Retry-After} instead of queueing, so a flood of logins holds at most a core each and no backlog of work.
 * Thread-safe.
 */
final class HashingSlots {

    /** How long a caller refused a slot is told to wait. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore slots;
    private final Duration wait;

    /**
     * @param count how many hash at once, at least 1
     * @param wait how long a call waits for a slot
     */
    HashingSlots(int count, Duration wait) {
        if (count < 1 || wait.isNegative()) {
            throw new IllegalArgumentException("hashing needs at least one slot and a wait of zero or more: "
                    + count + ", " + wait);
        }
        this.slots = new Semaphore(count, true);
        this.wait = wait;
    }

    /**
     * Runs the work in a slot.
     *
     * @throws ThrottledException {@code 503} if no slot came free in time
     */
    <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw ThrottledException.busy(RETRY_AFTER);
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
