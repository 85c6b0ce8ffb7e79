package dev.cartwright.customer;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, with a random 16-byte salt per password and a 256-bit output,
 * encoded as {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}. Thread-safe.
 *
 * <p>Create it with {@link PasswordHasher#pbkdf2(int)}.
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {

    /** The default cost: 600,000 iterations, OWASP's recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    /** The lowest cost accepted; far too low for production, but fast enough for tests. */
    public static final int MIN_ITERATIONS = 1_000;

    /** The highest cost accepted, also when reading a stored hash, so a forged hash cannot stall a login. */
    public static final int MAX_ITERATIONS = 10_000_000;

    static final String PREFIX = "pbkdf2-sha256";

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MIN_STORED_BYTES = 8;
    private static final int MAX_STORED_BYTES = 64;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    Pbkdf2PasswordHasher(int iterations) {
        this.iterations = (int) Validate.between(iterations, "iterations", MIN_ITERATIONS, MAX_ITERATIONS);
    }

    /** @return the iteration count that new hashes are made with */
    public int iterations() {
        return iterations;
    }

    @Override
    public String hash(String password) {
        Validate.notNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BYTES);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + '$' + iterations + '$' + base64.encodeToString(salt) + '$' + base64.encodeToString(hash);
    }

    @Override
    public boolean verify(String password, String encodedHash) {
        Validate.notNull(password, "password");
        Validate.notNull(encodedHash, "encodedHash");
        Parsed parsed = Parsed.of(encodedHash);
        if (parsed == null) {
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.iterations, parsed.hash.length);
        return MessageDigest.isEqual(parsed.hash, actual);
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        Validate.notNull(encodedHash, "encodedHash");
        Parsed parsed = Parsed.of(encodedHash);
        return parsed == null || parsed.iterations < iterations || parsed.hash.length < HASH_BYTES;
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int lengthBytes) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, lengthBytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new CommerceException(ErrorCode.STORAGE, null,
                    ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public String toString() {
        return "Pbkdf2PasswordHasher[iterations=" + iterations + "]";
    }

    /** A stored hash taken apart, or {@code null} from {@link #of} when it is not one of ours. */
    private static final class Parsed {

        final int iterations;
        final byte[] salt;
        final byte[] hash;

        private Parsed(int iterations, byte[] salt, byte[] hash) {
            this.iterations = iterations;
            this.salt = salt;
            this.hash = hash;
        }

        static Parsed of(String encoded) {
            String[] parts = encoded.split("\\$", -1);
            if (parts.length != 4 || !parts[0].equals(PREFIX) || !parts[1].matches("[0-9]{1,8}")) {
                return null;
            }
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                return null;
            }
            try {
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] hash = Base64.getDecoder().decode(parts[3]);
                if (!validLength(salt) || !validLength(hash)) {
                    return null;
                }
                return new Parsed(iterations, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static boolean validLength(byte[] bytes) {
            return bytes.length >= MIN_STORED_BYTES && bytes.length <= MAX_STORED_BYTES;
        }
    }
}
