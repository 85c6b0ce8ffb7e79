package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrderEventsWithStockServiceContract;

class H2OrderEventsWithStockServiceTest extends OrderEventsWithStockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
