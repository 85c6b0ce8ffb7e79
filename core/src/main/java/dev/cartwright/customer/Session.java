package dev.cartwright.customer;

import dev.cartwright.error.Validate;
import java.time.Duration;
import java.time.Instant;

/**
 * A customer's login session as stored: only the SHA-256 hash of its token is kept, so a leaked
 * table does not let anyone log in.
 *
 * @param id the identity
 * @param customerId whose session it is
 * @param tokenHash the lower-case hex SHA-256 of the token handed out at login
 * @param createdAt when the customer logged in
 * @param lastSeenAt when the token was last used, updated at most about once a minute
 * @param expiresAt when it ends however active it is (the absolute lifetime)
 */
public record Session(
        SessionId id,
        CustomerId customerId,
        String tokenHash,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt) {

    /** Validates. */
    public Session {
        Validate.notNull(id, "id");
        Validate.notNull(customerId, "customerId");
        Validate.notBlank(tokenHash, "tokenHash", 128);
        Validate.notNull(createdAt, "createdAt");
        Validate.notNull(lastSeenAt, "lastSeenAt");
        Validate.notNull(expiresAt, "expiresAt");
    }

    /**
     * @param now the current instant
     * @param idleTimeout how long a session may go unused
     * @return whether it has ended at {@code now}, by lifetime or by idleness
     */
    public boolean isExpiredAt(Instant now, Duration idleTimeout) {
        return !now.isBefore(expiresAt) || !now.isBefore(lastSeenAt.plus(idleTimeout));
    }

    /**
     * @param at when it was used
     * @return a copy last seen at {@code at}
     */
    public Session touchedAt(Instant at) {
        return new Session(id, customerId, tokenHash, createdAt, at, expiresAt);
    }
}
