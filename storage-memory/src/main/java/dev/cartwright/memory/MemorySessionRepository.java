package dev.cartwright.memory;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.customer.Session;
import dev.cartwright.customer.SessionId;
import dev.cartwright.customer.SessionRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Login sessions in memory, indexed by token hash. Guarded by the store's lock. */
final class MemorySessionRepository implements SessionRepository {

    private final MemoryTable<SessionId, Session> byId;
    private final MemoryTable<String, SessionId> idByTokenHash;

    MemorySessionRepository(Journal journal) {
        this.byId = journal.table();
        this.idByTokenHash = journal.table();
    }

    @Override
    public void insert(Session session) {
        if (byId.contains(session.id()) || idByTokenHash.contains(session.tokenHash())) {
            throw new IllegalStateException("duplicate session id or token hash: " + session.id());
        }
        byId.put(session.id(), session);
        idByTokenHash.put(session.tokenHash(), session.id());
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return idByTokenHash.get(tokenHash).flatMap(byId::get);
    }

    @Override
    public void touch(SessionId id, Instant lastSeenAt) {
        byId.get(id)
                .filter(session -> session.lastSeenAt().isBefore(lastSeenAt))
                .ifPresent(session -> byId.put(id, session.touchedAt(lastSeenAt)));
    }

    @Override
    public void delete(SessionId id) {
        byId.get(id).ifPresent(session -> {
            byId.remove(id);
            idByTokenHash.remove(session.tokenHash());
        });
    }

    @Override
    public int deleteAllForCustomerExcept(CustomerId customerId, SessionId keep) {
        List<SessionId> doomed = byId.values().stream()
                .filter(session -> session.customerId().equals(customerId) && !session.id().equals(keep))
                .map(Session::id)
                .collect(Collectors.toList());
        doomed.forEach(this::delete);
        return doomed.size();
    }

    @Override
    public int deleteExpired(Instant now, Instant idleCutoff) {
        List<SessionId> ended = byId.values().stream()
                .filter(session -> !session.expiresAt().isAfter(now) || !session.lastSeenAt().isAfter(idleCutoff))
                .map(Session::id)
                .collect(Collectors.toList());
        ended.forEach(this::delete);
        return ended.size();
    }
}
