package dev.cartwright.testkit;

import dev.cartwright.Commerce;

/**
 * {@link CaptureCancelRaceContract} with the stock kept by a {@link dev.cartwright.inventory.StockService}: the store's own,
 * served in process.
 */
public abstract class CaptureCancelRaceWithStockServiceContract extends CaptureCancelRaceContract {

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder)
                .stockService(Commerce.builder().store(store).clock(clock).build().stockService());
    }
}
