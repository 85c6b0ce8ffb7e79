package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OutboxDeliveryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOutboxDeliveryTest extends OutboxDeliveryContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
