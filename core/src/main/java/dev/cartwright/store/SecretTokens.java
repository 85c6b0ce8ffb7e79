package dev.cartwright.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer secrets that a service hands out once and keeps only as a hash: customers' session tokens and guests'
 * cart secrets. A token is 256 bits from {@link SecureRandom}, written as 43 characters of unpadded base64url;
 * what is stored is the lower-case hex SHA-256 of it, so a leaked table lets nobody act. A fast hash suffices
 * because the token has 256 bits of entropy: there is nothing to guess. Thread-safe.
 */
public final class SecretTokens {

    /** The length of the hex SHA-256 that is stored. */
    public static final int HASH_LENGTH = 64;

    private static final int TOKEN_BYTES = 32;
    private static final int TOKEN_LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    /** @return a new token: 256 random bits as 43 url-safe characters */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * @param token any text, possibly {@code null}
     * @return whether it has the shape of a token from {@link #newToken()}, so that junk is refused unhashed
     */
    public static boolean isWellFormed(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return false;
        }
        return token.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }

    /**
     * @param token a token
     * @return the lower-case hex SHA-256 of its ASCII bytes, as it is stored
     * @throws NullPointerException if the token is {@code null}
     */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Whether a token is the one a stored hash was made from, comparing the hashes in constant time so the
     * time taken tells nothing about how much of the hash matched.
     *
     * @param token the presented token, possibly {@code null}
     * @param storedHash the stored hash from {@link #hash(String)}
     * @return {@code false} for a malformed token or another token's hash
     */
    public static boolean matches(String token, String storedHash) {
        if (!isWellFormed(token) || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param hash stored text
     * @return whether it has the shape of a hash from {@link #hash(String)}
     */
    public static boolean isHash(String hash) {
        return hash != null && hash.length() == HASH_LENGTH
                && hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
