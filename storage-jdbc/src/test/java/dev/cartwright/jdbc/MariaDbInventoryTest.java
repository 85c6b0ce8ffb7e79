package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.InventoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbInventoryTest extends InventoryContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
