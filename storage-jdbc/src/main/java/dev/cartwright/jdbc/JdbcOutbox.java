package dev.cartwright.jdbc;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.Outbox;
import dev.cartwright.event.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox as rows of the transaction that appends them: each event as its record class name and its
 * {@link RecordCodec} text. An entry whose class is no longer loadable, or whose text no longer fits its
 * record, is not handed out: it is logged, its failure counted, and it stays for an operator to look at.
 */
final class JdbcOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOutbox.class);

    private final Sql sql;

    JdbcOutbox(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void append(CommerceEvent event, Instant at) {
        Validate.notNull(event, "event");
        Validate.notNull(at, "at");
        if (!(event instanceof Record)) {
            throw CommerceException.invalid("event", "must be a record to be stored: " + event.getClass().getName());
        }
        String payload;
        try {
            payload = RecordCodec.encode((Record) event);
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("event", "cannot be stored: " + e.getMessage());
        }
        long appendedAt = Rows.nanos(at);
        sql.exec(() -> sql.handle.createUpdate("INSERT INTO outbox (event_type, payload, attempts, appended_at)"
                + " VALUES (:type, :payload, 0, :at)")
                .bind("type", event.getClass().getName())
                .bind("payload", payload)
                .bind("at", appendedAt)
                .execute());
    }

    @Override
    public List<OutboxEntry> findUndelivered(int limit) {
        Validate.positive(limit, "limit");
        List<OutboxEntry> entries = new ArrayList<>();
        long after = Long.MIN_VALUE;
        while (entries.size() < limit) {
            long from = after;
            List<Stored> rows = sql.run(() -> sql.handle.createQuery("SELECT seq, event_type, payload, attempts,"
                    + " appended_at FROM outbox WHERE seq > :after ORDER BY seq LIMIT :limit")
                    .bind("after", from)
                    .bind("limit", limit)
                    .map((rs, ctx) -> new Stored(rs.getLong("seq"), rs.getString("event_type"), rs.getString("payload"),
                            rs.getInt("attempts"), Rows.instant(rs, "appended_at")))
                    .list());
            for (Stored row : rows) {
                after = row.sequence();
                CommerceEvent event = decode(row);
                if (event == null) {
                    recordFailure(row.sequence());
                } else if (entries.size() < limit) {
                    entries.add(new OutboxEntry(row.sequence(), event, row.attempts(), row.appendedAt()));
                }
            }
            if (rows.size() < limit) {
                break;
            }
        }
        return entries;
    }

    private static CommerceEvent decode(Stored row) {
        try {
            Class<?> type = RecordCodec.loadClass(row.type());
            if (!type.isRecord() || !CommerceEvent.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not a CommerceEvent record");
            }
            return (CommerceEvent) RecordCodec.decode(type.asSubclass(Record.class), row.payload());
        } catch (RuntimeException e) {
            LOG.error("outbox entry {} ({}) cannot be read and is not delivered; it stays in the outbox after {}"
                    + " failed attempts", row.sequence(), row.type(), row.attempts() + 1, e);
            return null;
        }
    }

    @Override
    public void markDelivered(long sequence) {
        sql.exec(() -> sql.handle.createUpdate("DELETE FROM outbox WHERE seq = :seq").bind("seq", sequence).execute());
    }

    @Override
    public void recordFailure(long sequence) {
        sql.exec(() -> sql.handle.createUpdate("UPDATE outbox SET attempts = attempts + 1 WHERE seq = :seq")
                .bind("seq", sequence).execute());
    }

    private record Stored(long sequence, String type, String payload, int attempts, Instant appendedAt) {
    }
}
