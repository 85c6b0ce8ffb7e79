package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathInterleavingsWithStockServiceContract;

class H2MoneyPathInterleavingsWithStockServiceTest extends MoneyPathInterleavingsWithStockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
