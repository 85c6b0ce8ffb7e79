package dev.cartwright.jdbc;

import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceContract;

class H2CaptureCancelRaceWithStockServiceTest extends CaptureCancelRaceContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }

    /** The same contract with the stock kept by a stock service: the store's own, served in process. */
    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder)
                .stockService(Commerce.builder().store(store).clock(clock).build().stockService());
    }
}
