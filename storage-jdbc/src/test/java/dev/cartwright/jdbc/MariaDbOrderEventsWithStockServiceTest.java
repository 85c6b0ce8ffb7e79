package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrderEventsWithStockServiceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbOrderEventsWithStockServiceTest extends OrderEventsWithStockServiceContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
