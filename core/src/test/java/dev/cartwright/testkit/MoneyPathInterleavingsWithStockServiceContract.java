package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.inventory.StockLevel;

/**
 * {@link MoneyPathInterleavingsContract} with the stock kept by a {@link dev.cartwright.inventory.StockService}
 * (the store's own, served in process): random interleavings of checkout, pay, cancel, ship, capture and refund
 * from several threads leave the service's stock adding up to what the orders keep.
 */
public abstract class MoneyPathInterleavingsWithStockServiceContract extends MoneyPathInterleavingsContract {

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder)
                .stockService(Commerce.builder().store(store).clock(clock).build().stockService());
    }

    /**
     * An unpaid order's units are held at the service, or sold there already when a payment that a concurrent one
     * then replaced confirmed them; one whose cancel lost a race after giving its units back holds none. So sold
     * covers what confirmed orders keep, and sold and held together never exceed what live orders took.
     */
    @Override
    protected void assertUnitsAddUp(StockLevel level, long kept, long unpaid, long held, String replay) {
        assertThat(held).as(replay + ": no order holds a reservation of its own").isZero();
        assertThat(level.sold()).as(replay + ": sold of " + level.sku()).isBetween(kept, kept + unpaid);
        assertThat(level.sold() + level.reserved()).as(replay + ": taken of " + level.sku())
                .isLessThanOrEqualTo(kept + unpaid);
    }
}
