package dev.cartwright.jdbc;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.customer.Session;
import dev.cartwright.customer.SessionId;
import dev.cartwright.customer.SessionRepository;
import java.time.Instant;
import java.util.Optional;

/** Login sessions in one table, unique by token hash and indexed by customer. */
final class JdbcSessionRepository implements SessionRepository {

    private final Sql sql;

    JdbcSessionRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Session session) {
        sql.exec(() -> sql.handle.createUpdate("INSERT INTO sessions (id, customer_id, token_hash, created_at,"
                + " last_seen_at, expires_at) VALUES (:id, :customerId, :tokenHash, :createdAt, :lastSeenAt, :expiresAt)")
                .bind("id", session.id().value())
                .bind("customerId", session.customerId().value())
                .bind("tokenHash", session.tokenHash())
                .bind("createdAt", Rows.nanos(session.createdAt()))
                .bind("lastSeenAt", Rows.nanos(session.lastSeenAt()))
                .bind("expiresAt", Rows.nanos(session.expiresAt()))
                .execute());
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return sql.run(() -> sql.handle.createQuery("SELECT id, customer_id, token_hash, created_at, last_seen_at,"
                + " expires_at FROM sessions WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .map((rs, ctx) -> new Session(new SessionId(Rows.uuid(rs, "id")),
                        new CustomerId(Rows.uuid(rs, "customer_id")), rs.getString("token_hash"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "last_seen_at"), Rows.instant(rs, "expires_at")))
                .findOne());
    }

    @Override
    public void touch(SessionId id, Instant lastSeenAt) {
        sql.exec(() -> sql.handle.createUpdate("UPDATE sessions SET last_seen_at = :at WHERE id = :id AND last_seen_at < :at")
                .bind("id", id.value()).bind("at", Rows.nanos(lastSeenAt)).execute());
    }

    @Override
    public void delete(SessionId id) {
        sql.exec(() -> sql.handle.createUpdate("DELETE FROM sessions WHERE id = :id").bind("id", id.value()).execute());
    }

    @Override
    public int deleteAllForCustomerExcept(CustomerId customerId, SessionId keep) {
        if (keep == null) {
            return sql.run(() -> sql.handle.createUpdate("DELETE FROM sessions WHERE customer_id = :customerId")
                    .bind("customerId", customerId.value()).execute());
        }
        return sql.run(() -> sql.handle.createUpdate("DELETE FROM sessions WHERE customer_id = :customerId AND id <> :keep")
                .bind("customerId", customerId.value()).bind("keep", keep.value()).execute());
    }

    @Override
    public int deleteExpired(Instant now, Instant idleCutoff) {
        return sql.run(() -> sql.handle.createUpdate("DELETE FROM sessions WHERE expires_at <= :now OR last_seen_at <= :idle")
                .bind("now", Rows.nanos(now)).bind("idle", Rows.nanos(idleCutoff)).execute());
    }
}
