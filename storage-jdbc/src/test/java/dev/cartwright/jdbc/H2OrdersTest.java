package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrdersContract;

class H2OrdersTest extends OrdersContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
