package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CheckoutWithStockServiceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbCheckoutWithStockServiceTest extends CheckoutWithStockServiceContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
