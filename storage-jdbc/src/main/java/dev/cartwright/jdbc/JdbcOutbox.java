package dev.cartwright.jdbc;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.Outbox;
import dev.cartwright.event.OutboxEntry;
import dev.cartwright.event.ParkedEvent;
import dev.cartwright.event.UnreadableEvent;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox as rows of the transaction that appends them: each event as its record class name and its
 * {@link RecordCodec} text, with its retry state (next attempt, parked flag, last error) beside it. An entry
 * whose class is no longer loadable, or whose text no longer fits its record, is handed out as an
 * {@link UnreadableEvent}, so that its failures are counted and it is parked for staff like any other.
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
        // Held back until the transaction's next statement or its commit: nothing reads the outbox before then.
        sql.defer("INSERT INTO outbox (event_type, payload, attempts, appended_at, next_attempt_at, parked)"
                + " VALUES (?, ?, 0, ?, ?, FALSE)", event.getClass().getName(), payload, appendedAt, appendedAt);
    }

    @Override
    public List<OutboxEntry> findDue(Instant now, int limit) {
        Validate.notNull(now, "now");
        Validate.positive(limit, "limit");
        return sql.run(() -> sql.handle.createQuery("SELECT seq, event_type, payload, attempts, appended_at"
                + " FROM outbox WHERE parked = FALSE AND next_attempt_at <= :now ORDER BY seq LIMIT :limit")
                .bind("now", Rows.nanos(now))
                .bind("limit", limit)
                .map((rs, ctx) -> new Stored(rs.getLong("seq"), rs.getString("event_type"), rs.getString("payload"),
                        rs.getInt("attempts"), Rows.instant(rs, "appended_at")))
                .list())
                .stream()
                .map(row -> new OutboxEntry(row.sequence(), decode(row), row.attempts(), row.appendedAt()))
                .toList();
    }

    /** @return the stored event, or an {@link UnreadableEvent} that its delivery fails on, to be counted */
    private static CommerceEvent decode(Stored row) {
        try {
            Class<?> type = RecordCodec.loadClass(row.type());
            if (!type.isRecord() || !CommerceEvent.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not a CommerceEvent record");
            }
            return (CommerceEvent) RecordCodec.decode(type.asSubclass(Record.class), row.payload());
        } catch (RuntimeException e) {
            LOG.debug("outbox entry {} ({}) cannot be read", row.sequence(), row.type(), e);
            return new UnreadableEvent(row.type(), String.valueOf(e.getMessage()), row.appendedAt());
        }
    }

    @Override
    public void markDelivered(long sequence) {
        sql.exec(() -> sql.handle.createUpdate("DELETE FROM outbox WHERE seq = :seq").bind("seq", sequence).execute());
    }

    @Override
    public void recordFailure(long sequence, String error, Instant nextAttemptAt) {
        Validate.notNull(error, "error");
        Validate.notNull(nextAttemptAt, "nextAttemptAt");
        sql.exec(() -> sql.handle.createUpdate("UPDATE outbox SET attempts = attempts + 1,"
                + " next_attempt_at = :next, last_error = :error WHERE seq = :seq")
                .bind("next", Rows.nanos(nextAttemptAt))
                .bind("error", error)
                .bind("seq", sequence)
                .execute());
    }

    @Override
    public void park(long sequence, String error) {
        Validate.notNull(error, "error");
        sql.exec(() -> sql.handle.createUpdate("UPDATE outbox SET attempts = attempts + 1, parked = TRUE,"
                + " last_error = :error WHERE seq = :seq")
                .bind("error", error)
                .bind("seq", sequence)
                .execute());
    }

    @Override
    public long countParked() {
        return sql.run(() -> sql.handle.createQuery("SELECT COUNT(*) FROM outbox WHERE parked = TRUE")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<ParkedEvent> findParked(long afterSequence, int limit) {
        Validate.positive(limit, "limit");
        return sql.run(() -> sql.handle.createQuery("SELECT seq, event_type, payload, attempts, appended_at,"
                + " last_error FROM outbox WHERE parked = TRUE AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("after", afterSequence)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    Stored row = new Stored(rs.getLong("seq"), rs.getString("event_type"), rs.getString("payload"),
                            rs.getInt("attempts"), Rows.instant(rs, "appended_at"));
                    String lastError = rs.getString("last_error");
                    return new ParkedEvent(row.sequence(), decode(row), row.attempts(), row.appendedAt(),
                            lastError == null ? "" : lastError);
                })
                .list());
    }

    @Override
    public boolean unpark(long sequence, Instant now) {
        Validate.notNull(now, "now");
        return sql.run(() -> sql.handle.createUpdate("UPDATE outbox SET parked = FALSE, attempts = 0,"
                + " next_attempt_at = :now, last_error = NULL WHERE seq = :seq AND parked = TRUE")
                .bind("now", Rows.nanos(now))
                .bind("seq", sequence)
                .execute()) == 1;
    }

    @Override
    public int unparkAll(Instant now) {
        Validate.notNull(now, "now");
        return sql.run(() -> sql.handle.createUpdate("UPDATE outbox SET parked = FALSE, attempts = 0,"
                + " next_attempt_at = :now, last_error = NULL WHERE parked = TRUE")
                .bind("now", Rows.nanos(now))
                .execute());
    }

    @Override
    public boolean dropParked(long sequence) {
        return sql.run(() -> sql.handle.createUpdate("DELETE FROM outbox WHERE seq = :seq AND parked = TRUE")
                .bind("seq", sequence)
                .execute()) == 1;
    }

    private record Stored(long sequence, String type, String payload, int attempts, Instant appendedAt) {
    }
}
