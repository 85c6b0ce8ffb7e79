package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OutboxDeliveryContract;

class H2OutboxDeliveryTest extends OutboxDeliveryContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
