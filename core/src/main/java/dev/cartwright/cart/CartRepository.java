package dev.cartwright.cart;

import dev.cartwright.customer.CustomerId;
import java.util.Optional;

/**
 * The port through which carts are stored, whole: one row (or document) per cart with its lines, read in
 * one round trip and written back under an optimistic version check. Used only inside a transaction.
 */
public interface CartRepository {

    /**
     * Stores a new cart.
     *
     * @param cart the cart
     * @throws dev.cartwright.error.CommerceException {@code CONFLICT} (field {@code customerId}) if it is an
     *     active cart of a customer who already has one
     */
    void insert(Cart cart);

    /**
     * @param id the id
     * @return the cart, whatever its status
     */
    Optional<Cart> findById(CartId id);

    /**
     * @param customer a customer
     * @return the customer's one active cart
     */
    Optional<Cart> findActiveByCustomer(CustomerId customer);

    /**
     * Replaces a cart, if nobody changed it since it was read: a SQL adapter runs
     * {@code UPDATE carts SET ..., version = ? WHERE id = ? AND version = ?} and replaces its lines.
     *
     * @param cart the new state, normally with {@code version == expectedVersion + 1}
     * @param expectedVersion the version that was read
     * @throws dev.cartwright.error.CommerceException {@code NOT_FOUND} if there is no such cart;
     *     {@code CONFLICT} if its stored version is not {@code expectedVersion}, or if the update would give
     *     a customer a second active cart
     */
    void update(Cart cart, long expectedVersion);
}
