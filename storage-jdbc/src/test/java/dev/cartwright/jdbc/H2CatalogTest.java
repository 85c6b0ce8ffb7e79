package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CatalogContract;

class H2CatalogTest extends CatalogContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
