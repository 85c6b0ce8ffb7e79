package dev.cartwright.event;

import java.time.Instant;
import java.util.List;

/**
 * The port of the transactional outbox: events are appended in the same transaction as the change they
 * report, so an event exists if and only if its change committed, and are delivered after commit by
 * {@link EventDelivery}. An entry is due from its append, waits after each failed delivery until the time
 * {@link EventDelivery} sets, and is parked once it has failed too often: a parked entry is never due again
 * until {@link ParkedEvents} retries it. Used only inside a transaction.
 */
public interface Outbox {

    /**
     * Appends an event, due at once, to be delivered after the transaction commits.
     *
     * @param event the event
     * @param at now
     */
    void append(CommerceEvent event, Instant at);

    /**
     * Reads the entries to deliver now. A store that cannot read an entry's event back hands out an
     * {@link UnreadableEvent} in its place, so that its failure is counted like any other.
     *
     * @param now the current time, from the caller's clock
     * @param limit the most to return, at least 1
     * @return the entries that are not parked and whose next attempt is at or before {@code now}, oldest
     *     (smallest sequence) first
     */
    List<OutboxEntry> findDue(Instant now, int limit);

    /**
     * Removes a delivered event. Unknown sequences are ignored, so two deliverers may both mark it.
     *
     * @param sequence the entry's sequence
     */
    void markDelivered(long sequence);

    /**
     * Counts a failed delivery; the entry stays, not due until {@code nextAttemptAt}. Unknown sequences are
     * ignored.
     *
     * @param sequence the entry's sequence
     * @param error what failed, at most {@value ParkedEvent#MAX_ERROR_LENGTH} characters, without U+0000
     * @param nextAttemptAt when it is due again
     */
    void recordFailure(long sequence, String error, Instant nextAttemptAt);

    /**
     * Counts a failed delivery and parks the entry: it stays, but is never due again until
     * {@link #unpark} or {@link #unparkAll}. Unknown sequences are ignored.
     *
     * @param sequence the entry's sequence
     * @param error what failed, at most {@value ParkedEvent#MAX_ERROR_LENGTH} characters, without U+0000
     */
    void park(long sequence, String error);

    /** @return how many entries are parked */
    long countParked();

    /**
     * @param afterSequence only entries with a larger sequence; {@link Long#MIN_VALUE} for the first page
     * @param limit the most to return, at least 1
     * @return the parked entries, oldest (smallest sequence) first, with their last error
     */
    List<ParkedEvent> findParked(long afterSequence, int limit);

    /**
     * Makes a parked entry due at {@code now} again, with no failed attempts and no last error.
     *
     * @param sequence the entry's sequence
     * @param now the current time
     * @return whether a parked entry had that sequence
     */
    boolean unpark(long sequence, Instant now);

    /**
     * Makes every parked entry due at {@code now} again, as {@link #unpark} does.
     *
     * @param now the current time
     * @return how many entries were parked
     */
    int unparkAll(Instant now);

    /**
     * Deletes a parked entry: its event is never delivered.
     *
     * @param sequence the entry's sequence
     * @return whether a parked entry had that sequence (an entry that is not parked is left alone)
     */
    boolean dropParked(long sequence);
}
