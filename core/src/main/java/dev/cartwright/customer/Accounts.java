package dev.cartwright.customer;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.SecretTokens;
import dev.cartwright.store.UnitOfWork;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Customer accounts: registration, login with e-mail and password, session tokens, logout and
 * password change. Thread-safe.
 *
 * <p>Passwords are hashed with the configured {@link PasswordHasher} outside any transaction, since
 * hashing is slow on purpose. Every failed login fails alike, with {@code UNAUTHENTICATED} and the
 * message {@value #INVALID_CREDENTIALS}, and takes about as long whether or not the address is
 * registered. A session token carries 256 bits from {@link SecureRandom} ({@link SecretTokens}); it is returned
 * once, by {@link #login}, and only its SHA-256 hash is stored.
 */
public final class Accounts {

    /** The message of every failed login, whatever the reason. */
    public static final String INVALID_CREDENTIALS = "invalid email or password";

    /** The fewest characters (Unicode code points) a new password may have. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /** The most characters (Unicode code points) a new password may have. */
    public static final int MAX_PASSWORD_LENGTH = 128;

    private static final String INVALID_SESSION = "invalid or expired session";
    private static final Duration MAX_TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_LOGIN_ATTEMPTS = 3;

    private final UnitOfWork<AccountRepositories> transactions;
    private final Clock clock;
    private final IdGenerator ids;
    private final PasswordHasher hasher;
    private final Duration idleTimeout;
    private final Duration lifetime;
    private final Duration touchInterval;
    private volatile String dummyHash;

    /**
     * @param transactions the transactions to run in
     * @param clock the time source for timestamps and expiry
     * @param ids names new customers and sessions
     * @param settings the password hasher and session durations
     * @throws CommerceException {@code VALIDATION} if an argument is {@code null}
     */
    public Accounts(UnitOfWork<AccountRepositories> transactions, Clock clock, IdGenerator ids, AccountSettings settings) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.clock = Validate.notNull(clock, "clock");
        this.ids = Validate.notNull(ids, "ids");
        Validate.notNull(settings, "settings");
        this.hasher = settings.passwordHasher();
        this.idleTimeout = settings.sessionIdleTimeout();
        this.lifetime = settings.sessionLifetime();
        Duration halfIdle = idleTimeout.dividedBy(2);
        this.touchInterval = halfIdle.compareTo(MAX_TOUCH_INTERVAL) < 0 ? halfIdle : MAX_TOUCH_INTERVAL;
    }

    /**
     * Registers a customer.
     *
     * @param email the e-mail address; normalised as {@link Email} describes
     * @param password the password, {@value #MIN_PASSWORD_LENGTH} to {@value #MAX_PASSWORD_LENGTH} characters,
     *     without U+0000 or an unpaired surrogate
     * @param name the display name, stored exactly as given
     * @return the new customer
     * @throws CommerceException {@code VALIDATION} on {@code "email"}, {@code "password"} or
     *     {@code "name"}; {@code CONFLICT} on {@code "email"} if the address is already registered
     */
    public Customer register(String email, String password, String name) {
        Email address = Email.of(email);
        checkNewPassword(password, "password");
        Validate.notBlank(name, "name", Customer.MAX_NAME_LENGTH);
        String passwordHash = hasher.hash(password);
        Instant now = clock.instant();
        Customer customer = new Customer(new CustomerId(ids.next()), address, name, passwordHash, 0, now, now);
        boolean inserted = transactions.inTransaction(repositories -> repositories.customers().insert(customer));
        if (!inserted) {
            throw new CommerceException(ErrorCode.CONFLICT, "email", "email is already registered", null);
        }
        return customer;
    }

    /**
     * Logs a customer in and opens a session. If the stored hash was made with weaker parameters than
     * the configured hasher's, it is replaced by a new hash of the same password.
     *
     * @param email the e-mail address, normalised as at registration
     * @param password the password
     * @return the customer and the new session's token
     * @throws CommerceException {@code VALIDATION} if an argument is {@code null};
     *     {@code UNAUTHENTICATED} with message {@value #INVALID_CREDENTIALS} for any other failure
     */
    public Login login(String email, String password) {
        Validate.notNull(email, "email");
        Validate.notNull(password, "password");
        Optional<Email> address = parseQuietly(email);
        // A concurrent login may upgrade the hash between the check and the session's insert; the
        // password is then checked again against the new hash, which cannot move a second time.
        for (int attempt = 1; attempt <= MAX_LOGIN_ATTEMPTS; attempt++) {
            Login login = tryLogin(address, password);
            if (login != null) {
                return login;
            }
        }
        throw invalidCredentials();
    }

    /** @return the login, or {@code null} if the stored hash changed after it was checked */
    private Login tryLogin(Optional<Email> address, String password) {
        Optional<Customer> found = address
                .flatMap(email -> transactions.read(repositories -> repositories.customers().findByEmail(email)));
        if (found.isEmpty()) {
            // Spend the same effort as for a registered address, so timing does not tell which exist.
            hasher.verify(password, dummyHash());
            throw invalidCredentials();
        }
        Customer customer = found.get();
        String verifiedHash = customer.passwordHash();
        if (!hasher.verify(password, verifiedHash)) {
            throw invalidCredentials();
        }
        String upgradedHash = hasher.needsRehash(verifiedHash) ? hasher.hash(password) : null;
        String token = newToken();
        Instant now = clock.instant();
        Session session = new Session(new SessionId(ids.next()), customer.id(), hashToken(token), now, now, now.plus(lifetime));
        Customer loggedIn = transactions.inTransaction(repositories -> {
            Customer latest = repositories.customers().findById(customer.id()).orElse(null);
            if (latest == null || !latest.passwordHash().equals(verifiedHash)) {
                return null;
            }
            Customer result = latest;
            if (upgradedHash != null
                    && repositories.customers().updatePasswordHash(latest.id(), latest.version(), upgradedHash, now)) {
                result = latest.withPasswordHash(upgradedHash, now);
            }
            repositories.sessions().insert(session);
            return result;
        });
        return loggedIn == null ? null : new Login(loggedIn, token, session.expiresAt());
    }

    /**
     * Finds the customer a session token belongs to, and records the use of the session (stored at
     * most about once a minute, so that a busy session does not write on every request).
     *
     * @param token the token from {@link #login}, possibly {@code null}
     * @return the customer
     * @throws CommerceException {@code UNAUTHENTICATED} if the token is missing, unknown, logged out or
     *     expired (idle or past its lifetime)
     */
    public Customer authenticate(String token) {
        if (!looksLikeToken(token)) {
            throw invalidSession();
        }
        String tokenHash = hashToken(token);
        Instant now = clock.instant();
        Optional<Customer> customer = transactions.inTransaction(repositories -> {
            Optional<Session> found = repositories.sessions().findByTokenHash(tokenHash);
            if (found.isEmpty()) {
                return Optional.<Customer>empty();
            }
            Session session = found.get();
            if (session.isExpiredAt(now, idleTimeout)) {
                repositories.sessions().delete(session.id());
                return Optional.<Customer>empty();
            }
            if (!now.isBefore(session.lastSeenAt().plus(touchInterval))) {
                repositories.sessions().touch(session.id(), now);
            }
            return repositories.customers().findById(session.customerId());
        });
        return customer.orElseThrow(Accounts::invalidSession);
    }

    /**
     * Ends the session of a token. Idempotent: an unknown, expired or already ended token is ignored.
     *
     * @param token the token from {@link #login}
     * @throws CommerceException {@code VALIDATION} on {@code "token"} if it is {@code null}
     */
    public void logout(String token) {
        Validate.notNull(token, "token");
        if (!looksLikeToken(token)) {
            return;
        }
        String tokenHash = hashToken(token);
        transactions.inTransaction(repositories -> {
            repositories.sessions().findByTokenHash(tokenHash).ifPresent(session -> repositories.sessions().delete(session.id()));
            return null;
        });
    }

    /**
     * Changes a customer's password and ends every other session of theirs, keeping the one the
     * change was made from.
     *
     * @param customerId the customer
     * @param currentPassword their current password
     * @param newPassword the new password, {@value #MIN_PASSWORD_LENGTH} to {@value #MAX_PASSWORD_LENGTH} characters,
     *     without U+0000 or an unpaired surrogate
     * @param currentToken the token of the session the change is made from; it must be the customer's
     *     and live
     * @return the customer with the new hash
     * @throws CommerceException {@code VALIDATION} on an argument ({@code "newPassword"} if it breaks the
     *     length rule); {@code NOT_FOUND} if there is no such customer; {@code UNAUTHENTICATED} if the
     *     session is not the customer's live session or the current password is wrong; {@code CONFLICT}
     *     if the customer changed meanwhile
     */
    public Customer changePassword(CustomerId customerId, String currentPassword, String newPassword, String currentToken) {
        Validate.notNull(customerId, "customerId");
        Validate.notNull(currentPassword, "currentPassword");
        checkNewPassword(newPassword, "newPassword");
        Validate.notNull(currentToken, "currentToken");
        if (!looksLikeToken(currentToken)) {
            throw invalidSession();
        }
        String tokenHash = hashToken(currentToken);
        Instant checkedAt = clock.instant();
        record Current(Customer customer, Session session) {
        }
        Current current = transactions.read(repositories -> new Current(
                repositories.customers().findById(customerId).orElseThrow(() -> CommerceException.notFound("customer", customerId)),
                repositories.sessions().findByTokenHash(tokenHash).orElse(null)));
        Session session = current.session();
        if (session == null || !session.customerId().equals(customerId) || session.isExpiredAt(checkedAt, idleTimeout)) {
            throw invalidSession();
        }
        Customer customer = current.customer();
        if (!hasher.verify(currentPassword, customer.passwordHash())) {
            throw new CommerceException(ErrorCode.UNAUTHENTICATED, "currentPassword", "current password is incorrect", null);
        }
        String newHash = hasher.hash(newPassword);
        Instant now = clock.instant();
        return transactions.inTransaction(repositories -> {
            if (!repositories.customers().updatePasswordHash(customerId, customer.version(), newHash, now)) {
                throw CommerceException.conflict("customer " + customerId + " changed meanwhile; try again");
            }
            repositories.sessions().deleteAllForCustomerExcept(customerId, session.id());
            return customer.withPasswordHash(newHash, now);
        });
    }

    /**
     * Removes the sessions that have ended, by lifetime or idleness. Ended sessions are refused
     * whether or not they are removed; a host calls this now and then (say hourly) to keep the store
     * small.
     *
     * @return how many sessions were removed
     */
    public int purgeExpiredSessions() {
        Instant now = clock.instant();
        return transactions.inTransaction(repositories -> repositories.sessions().deleteExpired(now, now.minus(idleTimeout)));
    }

    /**
     * @param customerId the customer
     * @return the customer
     * @throws CommerceException {@code VALIDATION} if it is {@code null}; {@code NOT_FOUND} if there is
     *     no such customer
     */
    public Customer get(CustomerId customerId) {
        Validate.notNull(customerId, "customerId");
        return transactions.read(repositories -> repositories.customers().findById(customerId))
                .orElseThrow(() -> CommerceException.notFound("customer", customerId));
    }

    private static void checkNewPassword(String password, String field) {
        // A password is only hashed, never stored, but a lone surrogate would be hashed as '?' (UTF-8).
        Validate.text(password, field);
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            throw CommerceException.invalid(field,
                    "must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    private static Optional<Email> parseQuietly(String email) {
        try {
            return Optional.of(Email.of(email));
        } catch (CommerceException e) {
            return Optional.empty();
        }
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = hasher.hash(newToken());
            dummyHash = hash;
        }
        return hash;
    }

    private static String newToken() {
        return SecretTokens.newToken();
    }

    private static boolean looksLikeToken(String token) {
        return SecretTokens.isWellFormed(token);
    }

    static String hashToken(String token) {
        return SecretTokens.hash(token);
    }

    private static CommerceException invalidCredentials() {
        return new CommerceException(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS);
    }

    private static CommerceException invalidSession() {
        return new CommerceException(ErrorCode.UNAUTHENTICATED, INVALID_SESSION);
    }
}
