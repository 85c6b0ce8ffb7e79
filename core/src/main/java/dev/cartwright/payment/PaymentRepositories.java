package dev.cartwright.payment;

import dev.cartwright.event.OutboxRepositories;

/**
 * The repositories that {@link Payments} works on inside one transaction: the payments, and the outbox that
 * their {@link PaymentEvent}s go to in the same transaction (see {@link Payments#store}).
 */
public interface PaymentRepositories extends OutboxRepositories {

    /** @return the payments */
    PaymentRepository payments();
}
