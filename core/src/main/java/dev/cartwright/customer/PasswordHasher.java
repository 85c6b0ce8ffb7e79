package dev.cartwright.customer;

import dev.cartwright.error.CommerceException;

/**
 * Turns passwords into encoded hashes and checks passwords against them: the SPI through which a
 * host may bring another algorithm (such as Argon2id). Implementations must be thread-safe.
 *
 * <p>An encoded hash carries everything needed to verify it (algorithm, cost, salt), so that the cost
 * can be raised later: {@link Accounts} re-hashes a password at the next successful login when
 * {@link #needsRehash(String)} says so.
 */
public interface PasswordHasher {

    /**
     * Hashes a password with a fresh random salt.
     *
     * @param password the password, any length
     * @return the encoded hash, with its parameters
     * @throws CommerceException {@code VALIDATION} on field {@code "password"} if it is {@code null}
     */
    String hash(String password);

    /**
     * Checks a password against an encoded hash, comparing in constant time.
     *
     * @param password the password to check
     * @param encodedHash a hash made by {@link #hash(String)}, possibly with other parameters
     * @return whether it matches; {@code false}, not an exception, if the hash is malformed or of
     *     another algorithm
     * @throws CommerceException {@code VALIDATION} if an argument is {@code null}
     */
    boolean verify(String password, String encodedHash);

    /**
     * @param encodedHash a stored hash
     * @return whether it was made with weaker parameters than this hasher's (or is unreadable), so the
     *     password should be hashed again once it is known
     * @throws CommerceException {@code VALIDATION} if it is {@code null}
     */
    boolean needsRehash(String encodedHash);

    /**
     * PBKDF2-HMAC-SHA256 from the JDK at {@link Pbkdf2PasswordHasher#DEFAULT_ITERATIONS} iterations,
     * the OWASP recommendation.
     *
     * @return the hasher
     */
    static PasswordHasher pbkdf2() {
        return pbkdf2(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS);
    }

    /**
     * PBKDF2-HMAC-SHA256 from the JDK at the given cost. Lower costs are for tests only.
     *
     * @param iterations the iteration count, from {@link Pbkdf2PasswordHasher#MIN_ITERATIONS} to
     *     {@link Pbkdf2PasswordHasher#MAX_ITERATIONS}
     * @return the hasher
     * @throws CommerceException {@code VALIDATION} on field {@code "iterations"} if out of range
     */
    static PasswordHasher pbkdf2(int iterations) {
        return new Pbkdf2PasswordHasher(iterations);
    }
}
