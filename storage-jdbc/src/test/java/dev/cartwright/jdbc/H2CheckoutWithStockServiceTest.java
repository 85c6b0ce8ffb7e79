package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CheckoutWithStockServiceContract;

class H2CheckoutWithStockServiceTest extends CheckoutWithStockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
