package dev.cartwright.order;

import dev.cartwright.event.CommerceEvent;

/** A fact about an order, published through the outbox after the change commits. */
public sealed interface OrderEvent extends CommerceEvent
        permits OrderPlaced, OrderCancelled, OrderFulfilled, OrderRefunded {

    /** @return the order it is about */
    OrderId orderId();
}
