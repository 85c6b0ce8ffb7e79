package dev.cartwright.event;

import java.time.Instant;
import java.util.List;

/**
 * The port of the transactional outbox: events are appended in the same transaction as the change they
 * report, so an event exists if and only if its change committed, and are delivered after commit by
 * {@link EventDelivery}. Used only inside a transaction.
 */
public interface Outbox {

    /**
     * Appends an event, to be delivered after the transaction commits.
     *
     * @param event the event
     * @param at now
     */
    void append(CommerceEvent event, Instant at);

    /**
     * @param limit the most to return, at least 1
     * @return the undelivered events, oldest first
     */
    List<OutboxEntry> findUndelivered(int limit);

    /**
     * Removes a delivered event. Unknown sequences are ignored, so two deliverers may both mark it.
     *
     * @param sequence the entry's sequence
     */
    void markDelivered(long sequence);

    /**
     * Counts a failed delivery; the event stays to be delivered again.
     *
     * @param sequence the entry's sequence
     */
    void recordFailure(long sequence);
}
