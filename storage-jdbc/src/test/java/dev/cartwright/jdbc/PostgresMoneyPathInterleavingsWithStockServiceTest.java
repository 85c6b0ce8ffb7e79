package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathInterleavingsWithStockServiceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMoneyPathInterleavingsWithStockServiceTest extends MoneyPathInterleavingsWithStockServiceContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
