package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * The available stock of a SKU fell to or below the {@link LowStockThreshold}: it was above before a
 * reservation or a downward adjustment and is at or below it after. Published once per crossing, not for
 * every later sale; once stock rises above the threshold again, the next fall publishes it again.
 *
 * @param sku the SKU
 * @param available the units available after the change
 * @param threshold the threshold it crossed
 * @param occurredAt when the change was made
 */
public record StockLow(Sku sku, long available, long threshold, Instant occurredAt) implements InventoryEvent {

    /** Validates. */
    public StockLow {
        Validate.notNull(sku, "sku");
        Validate.notNegative(available, "available");
        Validate.notNegative(threshold, "threshold");
        Validate.notNull(occurredAt, "occurredAt");
    }
}
