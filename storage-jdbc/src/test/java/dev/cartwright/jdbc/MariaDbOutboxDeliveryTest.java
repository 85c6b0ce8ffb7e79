package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OutboxDeliveryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbOutboxDeliveryTest extends OutboxDeliveryContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
