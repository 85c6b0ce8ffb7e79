package dev.cartwright.order;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * Units of an order were shipped.
 *
 * @param orderId the order
 * @param shipment what was shipped, with carrier and tracking number
 * @param fulfillmentStatus how far the order has shipped now
 * @param occurredAt when
 */
public record OrderFulfilled(OrderId orderId, Shipment shipment, FulfillmentStatus fulfillmentStatus,
        Instant occurredAt) implements OrderEvent {

    /** Validates. */
    public OrderFulfilled {
        Validate.notNull(orderId, "orderId");
        Validate.notNull(shipment, "shipment");
        Validate.notNull(fulfillmentStatus, "fulfillmentStatus");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
