package dev.cartwright.customer;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which accounts store customers. Used only inside a transaction.
 */
public interface CustomerRepository {

    /**
     * Adds a customer unless its e-mail address is already registered (a unique index in SQL).
     *
     * @param customer the new customer
     * @return {@code false}, having stored nothing, if another customer has the same e-mail address
     */
    boolean insert(Customer customer);

    /**
     * @param id the id
     * @return the customer
     */
    Optional<Customer> findById(CustomerId id);

    /**
     * @param email the normalised address, matched exactly
     * @return the customer
     */
    Optional<Customer> findByEmail(Email email);

    /**
     * Replaces the password hash if the customer is still at {@code expectedVersion}, incrementing
     * the version and setting {@code updatedAt} (one guarded {@code UPDATE} in SQL).
     *
     * @param id the customer
     * @param expectedVersion the version the caller read
     * @param passwordHash the new encoded hash
     * @param updatedAt when it changed
     * @return {@code false}, having changed nothing, if the customer is missing or its version moved
     */
    boolean updatePasswordHash(CustomerId id, long expectedVersion, String passwordHash, Instant updatedAt);
}
