package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.PromotionsContract;

class H2PromotionsTest extends PromotionsContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
