package dev.cartwright.customer;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which accounts store login sessions. Only token hashes are ever given to it.
 * Used only inside a transaction.
 */
public interface SessionRepository {

    /**
     * @param session a new session, whose id and token hash are unique
     */
    void insert(Session session);

    /**
     * @param tokenHash the hex SHA-256 of a token
     * @return the session, expired or not
     */
    Optional<Session> findByTokenHash(String tokenHash);

    /**
     * Records use of a session, never moving {@code lastSeenAt} backwards.
     *
     * @param id the session; nothing happens if it is gone
     * @param lastSeenAt when it was used
     */
    void touch(SessionId id, Instant lastSeenAt);

    /**
     * @param id the session to end; nothing happens if it is gone
     */
    void delete(SessionId id);

    /**
     * Ends every session of a customer but one.
     *
     * @param customerId the customer
     * @param keep the session to keep, or {@code null} to end them all
     * @return how many were ended
     */
    int deleteAllForCustomerExcept(CustomerId customerId, SessionId keep);

    /**
     * Removes every session that has ended (one {@code DELETE} in SQL).
     *
     * @param now sessions whose {@code expiresAt} is at or before it have ended
     * @param idleCutoff sessions whose {@code lastSeenAt} is at or before it have ended by idleness
     * @return how many were removed
     */
    int deleteExpired(Instant now, Instant idleCutoff);
}
