package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceWithStockServiceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCaptureCancelRaceWithStockServiceTest extends CaptureCancelRaceWithStockServiceContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
