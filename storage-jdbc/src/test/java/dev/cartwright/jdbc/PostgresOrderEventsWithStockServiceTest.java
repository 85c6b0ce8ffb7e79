package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrderEventsWithStockServiceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOrderEventsWithStockServiceTest extends OrderEventsWithStockServiceContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
