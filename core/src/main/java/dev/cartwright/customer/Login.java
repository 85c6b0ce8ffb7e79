package dev.cartwright.customer;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * A successful login: the customer and the session token to hand to their client.
 *
 * <p>The token is returned only here and never again (the store keeps only its hash), so the caller
 * must deliver it now, such as in an {@code HttpOnly}, {@code Secure} cookie. {@link #toString()}
 * leaves it out.
 *
 * @param customer who logged in
 * @param token the bearer token, 43 base64url characters carrying 256 random bits
 * @param expiresAt when the session ends however active it is; it ends earlier when left idle
 */
public record Login(Customer customer, String token, Instant expiresAt) {

    /** Validates. */
    public Login {
        Validate.notNull(customer, "customer");
        Validate.notBlank(token, "token", 128);
        Validate.notNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "Login[customer=" + customer + ", token=(hidden), expiresAt=" + expiresAt + "]";
    }
}
