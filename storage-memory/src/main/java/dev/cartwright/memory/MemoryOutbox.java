package dev.cartwright.memory;

import dev.cartwright.error.Validate;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.Outbox;
import dev.cartwright.event.OutboxEntry;
import dev.cartwright.event.ParkedEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox in memory: entries in sequence order. A rolled-back transaction takes its entries with it (and
 * leaves a gap in the sequence). Guarded by the store's lock.
 */
final class MemoryOutbox implements Outbox {

    private final MemoryTable<Long, Stored> entries;
    private final AtomicLong sequence = new AtomicLong();

    MemoryOutbox(Journal journal) {
        this.entries = journal.sortedTable();
    }

    @Override
    public void append(CommerceEvent event, Instant at) {
        Validate.notNull(event, "event");
        Validate.notNull(at, "at");
        long next = sequence.incrementAndGet();
        entries.put(next, new Stored(new OutboxEntry(next, event, 0, at), at, false, null));
    }

    @Override
    public List<OutboxEntry> findDue(Instant now, int limit) {
        Validate.notNull(now, "now");
        Validate.positive(limit, "limit");
        return entries.sorted().values().stream()
                .filter(stored -> !stored.parked() && !stored.nextAttemptAt().isAfter(now))
                .limit(limit)
                .map(Stored::entry)
                .toList();
    }

    @Override
    public void markDelivered(long sequenceNumber) {
        entries.remove(sequenceNumber);
    }

    @Override
    public void recordFailure(long sequenceNumber, String error, Instant nextAttemptAt) {
        Validate.notNull(error, "error");
        Validate.notNull(nextAttemptAt, "nextAttemptAt");
        entries.get(sequenceNumber).ifPresent(stored -> entries.put(sequenceNumber,
                new Stored(stored.failedOnceMore(), nextAttemptAt, false, error)));
    }

    @Override
    public void park(long sequenceNumber, String error) {
        Validate.notNull(error, "error");
        entries.get(sequenceNumber).ifPresent(stored -> entries.put(sequenceNumber,
                new Stored(stored.failedOnceMore(), stored.nextAttemptAt(), true, error)));
    }

    @Override
    public long countParked() {
        return entries.values().stream().filter(Stored::parked).count();
    }

    @Override
    public List<ParkedEvent> findParked(long afterSequence, int limit) {
        Validate.positive(limit, "limit");
        return entries.sorted().tailMap(afterSequence, false).values().stream()
                .filter(Stored::parked)
                .limit(limit)
                .map(Stored::parkedEvent)
                .toList();
    }

    @Override
    public boolean unpark(long sequenceNumber, Instant now) {
        Validate.notNull(now, "now");
        Stored stored = entries.get(sequenceNumber).filter(Stored::parked).orElse(null);
        if (stored == null) {
            return false;
        }
        entries.put(sequenceNumber, stored.dueAgain(now));
        return true;
    }

    @Override
    public int unparkAll(Instant now) {
        Validate.notNull(now, "now");
        List<Stored> parked = entries.values().stream().filter(Stored::parked).toList();
        parked.forEach(stored -> entries.put(stored.entry().sequence(), stored.dueAgain(now)));
        return parked.size();
    }

    @Override
    public boolean dropParked(long sequenceNumber) {
        if (entries.get(sequenceNumber).filter(Stored::parked).isEmpty()) {
            return false;
        }
        entries.remove(sequenceNumber);
        return true;
    }

    /** An entry with its delivery state, as the JDBC store keeps it in columns. */
    private record Stored(OutboxEntry entry, Instant nextAttemptAt, boolean parked, String lastError) {

        OutboxEntry failedOnceMore() {
            return new OutboxEntry(entry.sequence(), entry.event(), entry.attempts() + 1, entry.appendedAt());
        }

        Stored dueAgain(Instant now) {
            return new Stored(new OutboxEntry(entry.sequence(), entry.event(), 0, entry.appendedAt()), now, false,
                    null);
        }

        ParkedEvent parkedEvent() {
            return new ParkedEvent(entry.sequence(), entry.event(), entry.attempts(), entry.appendedAt(), lastError);
        }
    }
}
