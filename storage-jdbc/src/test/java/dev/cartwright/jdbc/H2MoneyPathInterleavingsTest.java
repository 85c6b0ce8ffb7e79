package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathInterleavingsContract;

class H2MoneyPathInterleavingsTest extends MoneyPathInterleavingsContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
