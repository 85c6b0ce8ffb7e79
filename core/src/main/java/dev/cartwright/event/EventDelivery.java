package dev.cartwright.event;

import dev.cartwright.error.Validate;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's events to the registered listeners, after commit and outside any transaction, at
 * least once: an event is removed only when every listener took it. If one throws anything (an
 * {@link Error} too), that is a failed delivery of the event: it is logged and counted, never thrown to the
 * caller, and the event is delivered to all of them again once the {@link RetrySchedule}'s wait has passed,
 * by the clock; meanwhile the events behind it are delivered. After the schedule's last attempt the event is
 * parked for staff ({@link ParkedEvents}).
 *
 * <p>Thread-safe; one thread at a time delivers, and a call made while another delivers does not wait for
 * it: it asks that thread to look once more before it stops, so no event is left behind, and no request
 * thread queues behind another's delivery.
 */
public final class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
    private static final int BATCH = 100;

    private final UnitOfWork<OutboxRepositories> transactions;
    private final List<EventListener> listeners;
    private final Clock clock;
    private final RetrySchedule retries;
    private final AtomicBoolean delivering = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    /**
     * @param transactions the transactions to read and mark the outbox in
     * @param listeners the listeners, in the order they are called
     * @param clock the time source that decides which events are due
     * @param retries when failed events are tried again, and when they are parked
     * @throws dev.cartwright.error.CommerceException {@code VALIDATION} if an argument is {@code null}
     */
    public EventDelivery(UnitOfWork<OutboxRepositories> transactions, List<EventListener> listeners, Clock clock,
            RetrySchedule retries) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.listeners = List.copyOf(Validate.noNulls(listeners, "listeners"));
        this.clock = Validate.notNull(clock, "clock");
        this.retries = Validate.notNull(retries, "retries");
    }

    /**
     * Delivers a batch of up to 100 due events, oldest first; does nothing without listeners (the events
     * wait). If another thread is delivering, returns at once and that thread delivers another batch when it
     * finishes the one in hand. What listeners throw is never thrown from here; a failure of the store is.
     *
     * @return how many events every listener took during this call
     */
    public int deliver() {
        if (listeners.isEmpty()) {
            return 0;
        }
        wanted.set(true);
        int delivered = 0;
        // Whoever set wanted after the deliverer cleared it is served by the deliverer's next turn of this loop.
        while (wanted.get() && delivering.compareAndSet(false, true)) {
            try {
                wanted.set(false);
                delivered += deliverBatch();
            } finally {
                delivering.set(false);
            }
        }
        return delivered;
    }

    private int deliverBatch() {
        Instant now = clock.instant();
        List<OutboxEntry> entries = transactions.inTransaction(repositories -> repositories.outbox()
                .findDue(now, BATCH));
        if (entries.isEmpty()) {
            return 0;
        }
        List<Long> taken = new ArrayList<>(entries.size());
        List<Failure> failed = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            String failure = offer(entry);
            if (failure == null) {
                taken.add(entry.sequence());
            } else {
                failed.add(new Failure(entry, failure));
            }
        }
        // The wait runs from when the attempt ended, not from when the batch was read.
        Instant attemptedAt = clock.instant();
        transactions.inTransaction(repositories -> {
            Outbox outbox = repositories.outbox();
            taken.forEach(outbox::markDelivered);
            failed.forEach(failure -> record(outbox, failure, attemptedAt));
            return null;
        });
        return taken.size();
    }

    /** @return the first listener's failure, bounded for the outbox; {@code null} if every listener took it */
    private String offer(OutboxEntry entry) {
        if (entry.event() instanceof UnreadableEvent unreadable) {
            LOG.error("outbox entry {} ({}) cannot be read and is not delivered: {}", entry.sequence(),
                    unreadable.eventType(), unreadable.reason());
            return FailureText.bounded("cannot be read: " + unreadable.reason());
        }
        String failure = null;
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(entry.event());
            } catch (Throwable e) {
                /*
                 * Errors too (an AssertionError, a StackOverflowError, even an OutOfMemoryError): the change that
                 * published the event has committed, so throwing would report a success as a failure, and an
                 * event that always fails must be counted to be parked. A host that wants the JVM to stop on
                 * OutOfMemoryError has -XX:+ExitOnOutOfMemoryError for it.
                 */
                LOG.warn("listener failed on event {} ({}); it will be delivered again later", entry.sequence(),
                        entry.event().getClass().getName(), e);
                if (failure == null) {
                    failure = FailureText.of(e);
                }
            }
        }
        return failure;
    }

    private void record(Outbox outbox, Failure failure, Instant attemptedAt) {
        OutboxEntry entry = failure.entry();
        int failedAttempts = entry.attempts() + 1;
        if (retries.parks(failedAttempts)) {
            LOG.error("outbox entry {} ({}) parked after {} failed attempts; staff can retry or drop it: {}",
                    entry.sequence(), entry.event().getClass().getName(), failedAttempts, failure.text());
            outbox.park(entry.sequence(), failure.text());
        } else {
            outbox.recordFailure(entry.sequence(), failure.text(),
                    attemptedAt.plus(retries.delayAfter(failedAttempts)));
        }
    }

    private record Failure(OutboxEntry entry, String text) {
    }
}
