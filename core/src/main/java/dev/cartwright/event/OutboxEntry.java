package dev.cartwright.event;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * An event waiting in the {@link Outbox} to be delivered. Immutable and thread-safe.
 *
 * @param sequence its position in the outbox; later appends have larger sequences (gaps allowed)
 * @param event the event
 * @param attempts how many deliveries failed so far
 * @param appendedAt when it was appended
 */
public record OutboxEntry(long sequence, CommerceEvent event, int attempts, Instant appendedAt) {

    /** Validates. */
    public OutboxEntry {
        Validate.notNull(event, "event");
        Validate.notNegative(attempts, "attempts");
        Validate.notNull(appendedAt, "appendedAt");
    }
}
