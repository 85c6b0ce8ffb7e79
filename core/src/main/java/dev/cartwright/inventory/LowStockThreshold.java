package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How few available units make a SKU's stock low, and the check that publishes {@link StockLow} when a change
 * crosses it. Immutable and thread-safe.
 *
 * @param units the threshold: stock is low when at most this many units are available; 0 announces only
 *     running out, 0 to {@value Inventory#MAX_QUANTITY}
 */
public record LowStockThreshold(long units) {

    /** Five units. */
    public static final LowStockThreshold DEFAULT = new LowStockThreshold(5);

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} (field {@code lowStockThreshold}) if out of range
     */
    public LowStockThreshold {
        Validate.between(units, "lowStockThreshold", 0, Inventory.MAX_QUANTITY);
    }

    /**
     * @param sku the SKU
     * @param availableBefore the units available before a change
     * @param availableAfter the units available after it
     * @param at when it was made
     * @return the event if the change took stock from above the threshold to at or below it; empty otherwise
     */
    public Optional<StockLow> crossing(Sku sku, long availableBefore, long availableAfter, Instant at) {
        return availableBefore > units && availableAfter <= units
                ? Optional.of(new StockLow(sku, availableAfter, units, at)) : Optional.empty();
    }

    /**
     * Call right after a change that took {@code unitsTaken} from a SKU's available stock (a reservation, a
     * downward adjustment), in the same transaction: reads the level after the change, which the change's
     * guarded write has made consistent, and appends {@link StockLow} to the outbox if the change crossed the
     * threshold. Concurrent changes each see their own before and after, so one crossing publishes once.
     *
     * @param repositories the open transaction's repositories
     * @param sku the SKU changed
     * @param unitsTaken how many units the change made unavailable; zero or less publishes nothing
     * @param now the instant the change was made at
     */
    public void publishIfCrossed(InventoryRepositories repositories, Sku sku, long unitsTaken, Instant now) {
        Validate.notNull(repositories, "repositories");
        Validate.notNull(sku, "sku");
        Validate.notNull(now, "now");
        if (unitsTaken <= 0) {
            return;
        }
        long after = repositories.stock().level(sku, now).map(StockLevel::available).orElse(0L);
        crossing(sku, Math.addExact(after, unitsTaken), after, now)
                .ifPresent(event -> repositories.outbox().append(event, now));
    }

    /**
     * Call right after a recorded {@link StockRepository#tryReserveAll}, in the same transaction: appends
     * {@link StockLow} to the outbox for each SKU the reservations took across the threshold. The attempt's
     * levels were read under the SKUs' locks, so concurrent reservations each see their own before and after.
     *
     * @param repositories the open transaction's repositories
     * @param reservations the reservations recorded
     * @param attempt what recording them reported
     * @param now the instant they were made at
     */
    public void publishCrossings(InventoryRepositories repositories, List<Reservation> reservations,
            ReservationAttempt attempt, Instant now) {
        Validate.notNull(repositories, "repositories");
        Validate.notNull(reservations, "reservations");
        publishCrossings(repositories, Reservation.unitsBySku(reservations), attempt, now);
    }

    /**
     * Appends a {@link StockLow} for every SKU that a sale of {@code quantities} took from above the
     * threshold to at or below it, in the caller's transaction.
     *
     * @param repositories the transaction's repositories
     * @param quantities the units sold by SKU
     * @param attempt the sale's answer, with each SKU's units available before it
     * @param now when the sale happened
     */
    public void publishCrossings(InventoryRepositories repositories, Map<Sku, Long> quantities,
            ReservationAttempt attempt, Instant now) {
        Validate.notNull(repositories, "repositories");
        Validate.notNull(quantities, "quantities");
        Validate.notNull(attempt, "attempt");
        Validate.notNull(now, "now");
        quantities.forEach((sku, quantity) -> {
            long before = attempt.availableBefore(sku);
            crossing(sku, before, before - quantity, now).ifPresent(event -> repositories.outbox().append(event, now));
        });
    }
}
