package dev.cartwright.event;

import java.time.Instant;

/**
 * Marker for the facts that Cartwright's contexts publish, such as an order being placed.
 *
 * <p>Each context declares its own event records in its own package; this marker lets a host
 * register one listener for all of them.
 */
public interface CommerceEvent {

    /** @return when the fact happened, by the injected clock */
    Instant occurredAt();
}
