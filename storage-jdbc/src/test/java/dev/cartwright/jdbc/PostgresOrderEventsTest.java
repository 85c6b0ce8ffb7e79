package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrderEventsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOrderEventsTest extends OrderEventsContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
