package dev.cartwright.customer;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * A registered customer. Immutable; change it through {@link Accounts}.
 *
 * <p>{@link #toString()} leaves the password hash out, so that logging a customer never leaks it.
 *
 * @param id the identity
 * @param email the normalised e-mail address, unique in the store
 * @param name the display name, stored exactly as given
 * @param passwordHash the password as encoded by a {@link PasswordHasher}, with its parameters
 * @param version incremented by every change, for optimistic concurrency
 * @param createdAt when the customer registered
 * @param updatedAt when it last changed
 */
public record Customer(
        CustomerId id,
        Email email,
        String name,
        String passwordHash,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** The longest name accepted. */
    public static final int MAX_NAME_LENGTH = 200;

    /** Validates. */
    public Customer {
        Validate.notNull(id, "id");
        Validate.notNull(email, "email");
        Validate.notBlank(name, "name", MAX_NAME_LENGTH);
        Validate.notBlank(passwordHash, "passwordHash", Integer.MAX_VALUE);
        Validate.notNegative(version, "version");
        Validate.notNull(createdAt, "createdAt");
        Validate.notNull(updatedAt, "updatedAt");
    }

    /**
     * @param newPasswordHash the new encoded hash
     * @param at when it changed
     * @return a copy with the new hash, the next version and {@code updatedAt} moved to {@code at}
     */
    public Customer withPasswordHash(String newPasswordHash, Instant at) {
        return new Customer(id, email, name, newPasswordHash, version + 1, createdAt, at);
    }

    @Override
    public String toString() {
        return "Customer[id=" + id + ", email=" + email + ", name=" + name + ", version=" + version
                + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + "]";
    }
}
