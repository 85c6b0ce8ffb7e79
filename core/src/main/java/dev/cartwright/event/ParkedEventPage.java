package dev.cartwright.event;

import dev.cartwright.error.Validate;
import java.util.List;
import java.util.OptionalLong;

/**
 * One page of {@link ParkedEvents#list}, oldest first. Immutable and thread-safe.
 *
 * @param events the parked events of this page, in sequence order
 * @param nextAfter the sequence to pass to {@link ParkedEvents#list(long, int)} for the next page; empty on the
 *     last page
 */
public record ParkedEventPage(List<ParkedEvent> events, OptionalLong nextAfter) {

    /** Validates and defensively copies. */
    public ParkedEventPage {
        events = List.copyOf(Validate.notNull(events, "events"));
        Validate.notNull(nextAfter, "nextAfter");
    }

    /** @return whether there is a page after this one */
    public boolean hasNext() {
        return nextAfter.isPresent();
    }
}
