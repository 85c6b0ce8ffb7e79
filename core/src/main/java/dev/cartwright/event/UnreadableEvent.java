package dev.cartwright.event;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * Stands in for a stored event that this process cannot read back, such as one whose class was renamed or
 * that a newer version of the host wrote. A store hands it out in place of the event so that
 * {@link EventDelivery} treats it like any failed delivery: it is never given to a listener, it is tried again
 * on the {@link RetrySchedule} (a process that can read it may deliver it meanwhile) and then parked, where
 * staff see it in {@link ParkedEvents} and can retry it once every process can read it, or drop it.
 * Immutable and thread-safe.
 *
 * @param eventType the class name the event was stored under
 * @param reason why it cannot be read
 * @param occurredAt when it was appended to the outbox
 */
public record UnreadableEvent(String eventType, String reason, Instant occurredAt) implements CommerceEvent {

    /** Validates. */
    public UnreadableEvent {
        Validate.notNull(eventType, "eventType");
        Validate.notNull(reason, "reason");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
