package dev.cartwright.customer;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.time.Duration;

/**
 * How {@link Accounts} hashes passwords and how long sessions last.
 *
 * @param passwordHasher hashes and verifies passwords
 * @param sessionIdleTimeout how long a session may go unused before it ends
 * @param sessionLifetime how long a session lasts at most, however active
 */
public record AccountSettings(PasswordHasher passwordHasher, Duration sessionIdleTimeout, Duration sessionLifetime) {

    /** The default idle timeout: 30 minutes. */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);

    /** The default absolute lifetime: 30 days. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofDays(30);

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} if a value is missing or a duration is not positive
     */
    public AccountSettings {
        Validate.notNull(passwordHasher, "passwordHasher");
        positive(sessionIdleTimeout, "sessionIdleTimeout");
        positive(sessionLifetime, "sessionLifetime");
    }

    /**
     * @return PBKDF2 at {@link Pbkdf2PasswordHasher#DEFAULT_ITERATIONS}, sessions ending after
     *     {@link #DEFAULT_SESSION_IDLE_TIMEOUT} unused or {@link #DEFAULT_SESSION_LIFETIME} in all
     */
    public static AccountSettings defaults() {
        return new AccountSettings(PasswordHasher.pbkdf2(), DEFAULT_SESSION_IDLE_TIMEOUT, DEFAULT_SESSION_LIFETIME);
    }

    /**
     * @param hasher the password hasher
     * @return a copy with it
     */
    public AccountSettings withPasswordHasher(PasswordHasher hasher) {
        return new AccountSettings(hasher, sessionIdleTimeout, sessionLifetime);
    }

    /**
     * @param idleTimeout the idle timeout
     * @return a copy with it
     */
    public AccountSettings withSessionIdleTimeout(Duration idleTimeout) {
        return new AccountSettings(passwordHasher, idleTimeout, sessionLifetime);
    }

    /**
     * @param lifetime the absolute lifetime
     * @return a copy with it
     */
    public AccountSettings withSessionLifetime(Duration lifetime) {
        return new AccountSettings(passwordHasher, sessionIdleTimeout, lifetime);
    }

    private static void positive(Duration duration, String field) {
        Validate.notNull(duration, field);
        if (duration.isNegative() || duration.isZero()) {
            throw CommerceException.invalid(field, "must be positive");
        }
    }
}
