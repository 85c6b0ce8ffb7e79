package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrderEventsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbOrderEventsTest extends OrderEventsContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
