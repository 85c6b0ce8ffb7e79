package dev.cartwright.order;

import java.util.List;

/**
 * The one way order workflows write an order: the order and the events of its change ({@link Order#eventsSince})
 * go to the store in the caller's transaction, so that the events exist if and only if the change commits.
 */
final class OrderChanges {

    private OrderChanges() {
    }

    /**
     * Stores a new order and the events of its placement ({@link OrderPlaced} when it is confirmed at once).
     *
     * @return {@code order}
     */
    static Order insert(CheckoutRepositories repositories, Order order) {
        List<OrderEvent> events = order.eventsOfPlacement();
        repositories.orders().insert(order);
        append(repositories, events);
        return order;
    }

    /**
     * Stores a change of an order, expecting it unchanged since {@code earlier} was read, and appends its events.
     *
     * @param earlier the order as read in this transaction
     * @param changed the order after the change; {@code earlier} itself if nothing changed, which stores nothing
     * @return {@code changed}
     */
    static Order store(CheckoutRepositories repositories, Order earlier, Order changed) {
        if (changed == earlier) {
            return changed;
        }
        List<OrderEvent> events = changed.eventsSince(earlier);
        repositories.orders().update(changed, earlier.version());
        append(repositories, events);
        return changed;
    }

    private static void append(CheckoutRepositories repositories, List<OrderEvent> events) {
        for (OrderEvent event : events) {
            repositories.outbox().append(event, event.occurredAt());
        }
    }
}
