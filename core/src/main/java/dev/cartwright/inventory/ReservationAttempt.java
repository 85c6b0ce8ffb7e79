package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.Validate;
import java.util.Map;

/**
 * What {@link StockRepository#tryReserveAll} did: whether it recorded the reservations, and how many units each
 * SKU had available just before, which is what an insufficient-stock error and a low-stock check need.
 * Immutable and thread-safe.
 *
 * @param recorded whether every reservation was recorded; {@code false} means none was
 * @param availableBefore the units each stocked SKU had available before the attempt; SKUs never stocked are
 *     absent
 */
public record ReservationAttempt(boolean recorded, Map<Sku, Long> availableBefore) {

    /**
     * Copies the map.
     *
     * @throws dev.cartwright.error.CommerceException {@code VALIDATION} if {@code availableBefore} is null
     */
    public ReservationAttempt {
        availableBefore = Map.copyOf(Validate.notNull(availableBefore, "availableBefore"));
    }

    /**
     * @param sku a SKU of the attempt
     * @return its units available before the attempt; zero if it was never stocked
     */
    public long availableBefore(Sku sku) {
        return availableBefore.getOrDefault(sku, 0L);
    }
}
