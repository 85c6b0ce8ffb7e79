package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Units of an order handed to a carrier. Immutable and thread-safe.
 *
 * @param quantities the units shipped, by SKU, each at least 1
 * @param carrier the carrier, such as {@code "DHL"}
 * @param trackingNumber the carrier's tracking number
 * @param shippedAt when
 */
public record Shipment(Map<Sku, Long> quantities, String carrier, String trackingNumber, Instant shippedAt) {

    /** Validates and copies. */
    public Shipment {
        Validate.notNull(quantities, "quantities");
        if (quantities.isEmpty()) {
            throw CommerceException.invalid("quantities", "must not be empty");
        }
        quantities.forEach((sku, quantity) -> {
            Validate.notNull(sku, "sku");
            Validate.notNull(quantity, "quantity");
            Validate.positive(quantity, "quantity");
        });
        quantities = Map.copyOf(new TreeMap<>(quantities));
        Validate.notBlank(carrier, "carrier", 100);
        Validate.notBlank(trackingNumber, "trackingNumber", 100);
        Validate.notNull(shippedAt, "shippedAt");
    }
}
