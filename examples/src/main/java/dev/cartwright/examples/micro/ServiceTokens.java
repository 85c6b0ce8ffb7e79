package dev.cartwright.examples.micro;

import java.security.SecureRandom;
import java.util.Base64;

/** Random bearer tokens for a run whose environment names none. */
final class ServiceTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServiceTokens() {
    }

    /** @return 24 random bytes, URL-safe Base64 */
    static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
