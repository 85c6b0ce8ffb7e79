package dev.cartwright.examples.micro;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.examples.api.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The check in front of routes that only services call: {@code Authorization: Bearer <service token>}, compared in
 * constant time. Without it a call is {@code 401 UNAUTHENTICATED}, with another token {@code 403 FORBIDDEN}.
 */
final class ServiceToken {

    private final byte[] token;

    /** @param token the token services call with, not blank */
    ServiceToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a service token is required");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param ctx a call to a service's route
     * @throws CommerceException {@code UNAUTHENTICATED} or {@code FORBIDDEN} unless it carries the token
     */
    void check(Exchange ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            throw new CommerceException(ErrorCode.UNAUTHENTICATED, "the service's bearer token is required");
        }
        if (!MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            throw new CommerceException(ErrorCode.FORBIDDEN, "these routes are for services, with the service token");
        }
    }
}
