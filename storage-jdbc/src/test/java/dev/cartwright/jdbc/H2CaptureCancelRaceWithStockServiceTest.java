package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceWithStockServiceContract;

class H2CaptureCancelRaceWithStockServiceTest extends CaptureCancelRaceWithStockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
