package dev.cartwright.order;

import dev.cartwright.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port through which orders are stored, whole (one row per order plus its lines, shipments and
 * history, read in one round trip). Used only inside a transaction.
 */
public interface OrderRepository {

    /**
     * Stores a new order.
     *
     * @param order the order
     * @throws dev.cartwright.error.CommerceException {@code CONFLICT} (field {@code idempotencyKey}) if an
     *     order with its idempotency key exists (a SQL adapter keeps a UNIQUE index on it), or if its id is taken
     */
    void insert(Order order);

    /**
     * @param id the id
     * @return the order
     */
    Optional<Order> findById(OrderId id);

    /**
     * @param idempotencyKey the key it was placed with, matched exactly
     * @return the order
     */
    Optional<Order> findByIdempotencyKey(String idempotencyKey);

    /**
     * A page of a customer's orders, newest first (by {@code placedAt}, then id, both descending).
     *
     * @param customer the customer
     * @param after where the previous page ended; empty for the first page
     * @param limit the most to return, at least 1
     * @return the orders
     */
    List<Order> findByCustomer(CustomerId customer, Optional<OrderCursor> after, int limit);

    /**
     * @param now the current time
     * @param limit the most to return, at least 1
     * @return orders still {@link OrderStatus#PENDING_PAYMENT} whose {@code expiresAt <= now}, oldest first
     */
    List<Order> findExpiredUnpaid(Instant now, int limit);

    /**
     * @param limit the most to return, at least 1
     * @return orders {@link OrderStatus#PENDING_PAYMENT} whose payment is {@link OrderPaymentStatus#PENDING},
     *     oldest first
     */
    List<Order> findPaymentPending(int limit);

    /**
     * @param limit the most to return, at least 1
     * @return orders {@link OrderStatus#CANCELLING}, whose cancellation stopped at the gateway, oldest first
     */
    List<Order> findCancelling(int limit);

    /**
     * Replaces an order if nobody changed it since it was read:
     * {@code UPDATE orders SET ..., version = ? WHERE id = ? AND version = ?}.
     *
     * @param order the new state, with a version above {@code expectedVersion}
     * @param expectedVersion the version that was read
     * @throws dev.cartwright.error.CommerceException {@code NOT_FOUND} if there is no such order;
     *     {@code CONFLICT} if its stored version is not {@code expectedVersion}
     */
    void update(Order order, long expectedVersion);
}
