package dev.cartwright.event;

import dev.cartwright.error.Validate;
import dev.cartwright.store.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's events to the registered listeners, after commit and outside any transaction, at
 * least once: an event is removed only when every listener took it; if one throws, the event stays and is
 * delivered to all of them again on the next call. Thread-safe; one thread at a time delivers, and a call
 * made while another delivers does not wait for it: it asks that thread to look once more before it stops,
 * so no event is left behind, and no request thread queues behind another's delivery.
 */
public final class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
    private static final int BATCH = 100;

    private final UnitOfWork<OutboxRepositories> transactions;
    private final List<EventListener> listeners;
    private final AtomicBoolean delivering = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    /**
     * @param transactions the transactions to read and mark the outbox in
     * @param listeners the listeners, in the order they are called
     */
    public EventDelivery(UnitOfWork<OutboxRepositories> transactions, List<EventListener> listeners) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.listeners = List.copyOf(Validate.noNulls(listeners, "listeners"));
    }

    /**
     * Delivers the undelivered events, oldest first, in batches of up to 100; does nothing without listeners
     * (the events wait). If another thread is delivering, returns at once and that thread delivers another
     * batch when it finishes the one in hand.
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
        List<OutboxEntry> entries = transactions.inTransaction(repositories -> repositories.outbox()
                .findUndelivered(BATCH));
        if (entries.isEmpty()) {
            return 0;
        }
        List<Long> taken = new ArrayList<>(entries.size());
        List<Long> failed = new ArrayList<>();
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
            (ok ? taken : failed).add(entry.sequence());
        }
        transactions.inTransaction(repositories -> {
            taken.forEach(repositories.outbox()::markDelivered);
            failed.forEach(repositories.outbox()::recordFailure);
            return null;
        });
        return taken.size();
    }
}
