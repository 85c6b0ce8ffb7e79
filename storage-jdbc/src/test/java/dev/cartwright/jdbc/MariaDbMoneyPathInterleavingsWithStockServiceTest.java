package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathInterleavingsWithStockServiceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbMoneyPathInterleavingsWithStockServiceTest extends MoneyPathInterleavingsWithStockServiceContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
