package dev.cartwright.event;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * An event that {@link EventDelivery} gave up on after {@link RetrySchedule#maxAttempts()} failed attempts: it
 * stays in the outbox, is never delivered automatically again, and waits for staff to retry or drop it through
 * {@link ParkedEvents}. Immutable and thread-safe.
 *
 * @param sequence its position in the outbox, which {@link ParkedEvents#retry} and {@link ParkedEvents#drop} take
 * @param event the event; an {@link UnreadableEvent} if this process cannot read it back
 * @param attempts how many deliveries failed
 * @param appendedAt when it was appended
 * @param lastError the last failure, as the thrown class's name and its message, at most
 *     {@value #MAX_ERROR_LENGTH} characters
 */
public record ParkedEvent(long sequence, CommerceEvent event, int attempts, Instant appendedAt, String lastError) {

    /** The most characters of a failure that the outbox keeps. */
    public static final int MAX_ERROR_LENGTH = 500;

    /** Validates. */
    public ParkedEvent {
        Validate.notNull(event, "event");
        Validate.notNegative(attempts, "attempts");
        Validate.notNull(appendedAt, "appendedAt");
        Validate.maxLength(lastError, "lastError", MAX_ERROR_LENGTH);
    }
}
