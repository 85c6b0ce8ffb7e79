package dev.cartwright.event;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff's view of the events that {@link EventDelivery} gave up on (the outbox's dead letters): after
 * {@link RetrySchedule#maxAttempts()} failed deliveries an event is parked and never delivered automatically
 * again. Staff count and list them, and once the listener is fixed, retry them (they are delivered at once
 * and, if they fail again, on the schedule from its start), or drop one that must never be delivered.
 * Thread-safe.
 */
public final class ParkedEvents {

    /** The most events one page lists. */
    public static final int MAX_PAGE_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ParkedEvents.class);

    private final UnitOfWork<OutboxRepositories> transactions;
    private final Clock clock;
    private final Runnable afterRetry;

    /**
     * @param transactions the transactions to run in
     * @param clock the time source: a retried event is due from now
     * @param afterRetry run after a retry committed, to deliver the retried events (such as
     *     {@link EventDelivery#deliver()}); its failures are logged, never thrown
     * @throws CommerceException {@code VALIDATION} if an argument is {@code null}
     */
    public ParkedEvents(UnitOfWork<OutboxRepositories> transactions, Clock clock, Runnable afterRetry) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.clock = Validate.notNull(clock, "clock");
        this.afterRetry = Validate.notNull(afterRetry, "afterRetry");
    }

    /** @return how many events are parked */
    public long count() {
        return transactions.read(repositories -> repositories.outbox().countParked());
    }

    /**
     * @param limit the most to list, 1 to {@value #MAX_PAGE_SIZE}
     * @return the first page of parked events, oldest first
     * @throws CommerceException {@code VALIDATION} (field {@code limit}) if out of range
     */
    public ParkedEventPage list(int limit) {
        return list(Long.MIN_VALUE, limit);
    }

    /**
     * @param afterSequence the {@link ParkedEventPage#nextAfter()} of the page before
     * @param limit the most to list, 1 to {@value #MAX_PAGE_SIZE}
     * @return the parked events with a larger sequence, oldest first
     * @throws CommerceException {@code VALIDATION} (field {@code limit}) if out of range
     */
    public ParkedEventPage list(long afterSequence, int limit) {
        Validate.between(limit, "limit", 1, MAX_PAGE_SIZE);
        // One more than asked tells whether another page follows without a second query.
        List<ParkedEvent> found = transactions.read(repositories -> repositories.outbox()
                .findParked(afterSequence, limit + 1));
        if (found.size() <= limit) {
            return new ParkedEventPage(found, OptionalLong.empty());
        }
        List<ParkedEvent> page = found.subList(0, limit);
        return new ParkedEventPage(page, OptionalLong.of(page.get(limit - 1).sequence()));
    }

    /**
     * Makes a parked event due now, with its failed attempts forgotten, and tries to deliver it.
     *
     * @param sequence the parked event's {@link ParkedEvent#sequence()}
     * @throws CommerceException {@code NOT_FOUND} if no parked event has that sequence (it may have been
     *     retried or dropped already)
     */
    public void retry(long sequence) {
        boolean retried = transactions.inTransaction(repositories -> repositories.outbox()
                .unpark(sequence, clock.instant()));
        if (!retried) {
            throw CommerceException.notFound("parked event", sequence);
        }
        deliverRetried();
    }

    /**
     * Makes every parked event due now, as {@link #retry} does, and tries to deliver them.
     *
     * @return how many events were parked
     */
    public int retryAll() {
        int retried = transactions.inTransaction(repositories -> repositories.outbox().unparkAll(clock.instant()));
        if (retried > 0) {
            deliverRetried();
        }
        return retried;
    }

    /**
     * Deletes a parked event, so that it is never delivered.
     *
     * @param sequence the parked event's {@link ParkedEvent#sequence()}
     * @throws CommerceException {@code NOT_FOUND} if no parked event has that sequence (an event still being
     *     retried cannot be dropped)
     */
    public void drop(long sequence) {
        boolean dropped = transactions.inTransaction(repositories -> repositories.outbox().dropParked(sequence));
        if (!dropped) {
            throw CommerceException.notFound("parked event", sequence);
        }
        LOG.info("parked outbox entry {} dropped; it will not be delivered", sequence);
    }

    private void deliverRetried() {
        try {
            afterRetry.run();
        } catch (RuntimeException e) {
            LOG.warn("delivering retried events failed; they stay in the outbox for the next attempt", e);
        }
    }
}
