package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.InventoryEventsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbInventoryEventsTest extends InventoryEventsContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
