package dev.cartwright.customer;

import dev.cartwright.error.Validate;
import java.util.UUID;

/**
 * Identifies a login session. Not a credential: the token handed to the customer is separate.
 *
 * @param value the UUID
 */
public record SessionId(UUID value) {

    /** Validates the value. */
    public SessionId {
        Validate.notNull(value, "sessionId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
