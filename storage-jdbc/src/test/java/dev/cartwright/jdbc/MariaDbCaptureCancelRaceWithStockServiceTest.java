package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceWithStockServiceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbCaptureCancelRaceWithStockServiceTest extends CaptureCancelRaceWithStockServiceContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
