package dev.cartwright.order;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.payment.Payment;
import java.util.List;
import java.util.Optional;

/**
 * A customer's own orders: read, list and cancel them. Every call names the acting customer and fails with
 * {@code FORBIDDEN}, changing nothing, for another customer's order (or a guest's). Thread-safe.
 */
public final class Orders {

    /** The most orders one page may hold. */
    public static final int MAX_PAGE_SIZE = 100;

    private final OrderSupport support;
    private final Cancellation cancellation;

    Orders(OrderSupport support, Cancellation cancellation) {
        this.support = support;
        this.cancellation = cancellation;
    }

    /**
     * @param actor the customer asking
     * @param id the order
     * @return the order
     * @throws CommerceException {@code VALIDATION} for a null argument; {@code NOT_FOUND} for an unknown order;
     *     {@code FORBIDDEN} if it is not the actor's
     */
    public Order get(CustomerId actor, OrderId id) {
        Validate.notNull(actor, "customerId");
        Validate.notNull(id, "orderId");
        return support.read(repositories -> OrderSupport.visible(repositories, id, Optional.of(actor)));
    }

    /**
     * A page of the actor's orders, newest first.
     *
     * @param actor the customer asking
     * @param after where the previous page ended ({@link OrderCursor#after(Order)} of its last order); empty
     *     for the first page
     * @param limit the page size, 1 to {@value #MAX_PAGE_SIZE}
     * @return the orders
     * @throws CommerceException {@code VALIDATION} for a bad argument
     */
    public List<Order> list(CustomerId actor, Optional<OrderCursor> after, int limit) {
        Validate.notNull(actor, "customerId");
        Validate.notNull(after, "after");
        Validate.between(limit, "limit", 1, MAX_PAGE_SIZE);
        return support.read(repositories -> repositories.orders().findByCustomer(actor, after, limit));
    }

    /**
     * The payments of the actor's order: every attempt, oldest first, the current one last.
     *
     * @param actor the customer asking
     * @param id the order
     * @return its payments
     * @throws CommerceException {@code VALIDATION} for a null argument; {@code NOT_FOUND} for an unknown order;
     *     {@code FORBIDDEN} if it is not the actor's
     */
    public List<Payment> payments(CustomerId actor, OrderId id) {
        Validate.notNull(actor, "customerId");
        Validate.notNull(id, "orderId");
        return support.read(repositories -> {
            OrderSupport.visible(repositories, id, Optional.of(actor));
            return repositories.payments().findByReference(id.toString());
        });
    }

    /**
     * Cancels the actor's order before it ships: an unpaid one at once; a paid one is first marked
     * {@link OrderStatus#CANCELLING} (it can no longer ship), then its authorization is voided or its capture
     * refunded through the gateway (outside any transaction), then it is cancelled. Its stock and its
     * promotions' uses go back.
     *
     * @param actor the customer asking
     * @param id the order
     * @return the cancelled order
     * @throws CommerceException {@code VALIDATION} for a null argument; {@code NOT_FOUND} for an unknown order;
     *     {@code FORBIDDEN} if it is not the actor's; {@code INVALID_TRANSITION} if it shipped, completed, was
     *     cancelled or has a payment in progress; {@code PAYMENT_DECLINED} if the gateway refused the void or
     *     refund (the order is {@link OrderStatus#CONFIRMED} again);
     *     {@link dev.cartwright.payment.PaymentGatewayException} if its answer is unknown (the order stays cancelling: repeat the call to finish)
     */
    public Order cancel(CustomerId actor, OrderId id) {
        Validate.notNull(actor, "customerId");
        Validate.notNull(id, "orderId");
        return support.published(cancellation.cancel(id, new Actor.Customer(actor), Optional.of(actor)));
    }
}
