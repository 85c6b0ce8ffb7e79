package dev.cartwright.event;

import dev.cartwright.error.Validate;
import dev.cartwright.store.UnitOfWork;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's events to the registered listeners, after commit and outside any transaction, at
 * least once: an event is removed only when every listener took it; if one throws, the event stays and is
 * delivered to all of them again on the next call. Thread-safe; calls in one process run one at a time.
 */
public final class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
    private static final int BATCH = 100;

    private final UnitOfWork<OutboxRepositories> transactions;
    private final List<EventListener> listeners;

    /**
     * @param transactions the transactions to read and mark the outbox in
     * @param listeners the listeners, in the order they are called
     */
    public EventDelivery(UnitOfWork<OutboxRepositories> transactions, List<EventListener> listeners) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.listeners = List.copyOf(Validate.noNulls(listeners, "listeners"));
    }

    /**
     * Delivers the undelivered events, oldest first, up to a batch of 100 per call; does nothing without
     * listeners (the events wait).
     *
     * @return how many events every listener took
     */
    public synchronized int deliver() {
        if (listeners.isEmpty()) {
            return 0;
        }
        List<OutboxEntry> entries = transactions.inTransaction(repositories -> repositories.outbox()
                .findUndelivered(BATCH));
        int delivered = 0;
        for (OutboxEntry entry : entries) {
            boolean ok = true;
            for (EventListener listener : listeners) {
                try {
                    listener.onEvent(entry.event());
                } catch (RuntimeException e) {
                    ok = false;
                    LOG.warn("listener failed on event {}; it will be delivered again", entry.sequence(), e);
                }
            }
            boolean taken = ok;
            transactions.inTransaction(repositories -> {
                if (taken) {
                    repositories.outbox().markDelivered(entry.sequence());
                } else {
                    repositories.outbox().recordFailure(entry.sequence());
                }
                return null;
            });
            if (ok) {
                delivered++;
            }
        }
        return delivered;
    }
}
