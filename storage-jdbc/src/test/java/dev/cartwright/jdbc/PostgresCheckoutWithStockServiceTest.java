package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CheckoutWithStockServiceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCheckoutWithStockServiceTest extends CheckoutWithStockServiceContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
