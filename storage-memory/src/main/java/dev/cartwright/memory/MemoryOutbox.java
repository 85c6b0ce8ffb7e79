package dev.cartwright.memory;

import dev.cartwright.error.Validate;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.Outbox;
import dev.cartwright.event.OutboxEntry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox in memory: entries in sequence order. A rolled-back transaction takes its entries with it (and
 * leaves a gap in the sequence). Guarded by the store's lock.
 */
final class MemoryOutbox implements Outbox {

    private final MemoryTable<Long, OutboxEntry> entries;
    private final AtomicLong sequence = new AtomicLong();

    MemoryOutbox(Journal journal) {
        this.entries = journal.sortedTable();
    }

    @Override
    public void append(CommerceEvent event, Instant at) {
        Validate.notNull(event, "event");
        Validate.notNull(at, "at");
        long next = sequence.incrementAndGet();
        entries.put(next, new OutboxEntry(next, event, 0, at));
    }

    @Override
    public List<OutboxEntry> findUndelivered(int limit) {
        Validate.positive(limit, "limit");
        return entries.sorted().values().stream().limit(limit).toList();
    }

    @Override
    public void markDelivered(long sequenceNumber) {
        entries.remove(sequenceNumber);
    }

    @Override
    public void recordFailure(long sequenceNumber) {
        entries.get(sequenceNumber).ifPresent(entry -> entries.put(sequenceNumber,
                new OutboxEntry(entry.sequence(), entry.event(), entry.attempts() + 1, entry.appendedAt())));
    }
}
