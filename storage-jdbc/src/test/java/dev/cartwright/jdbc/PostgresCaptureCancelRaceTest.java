package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCaptureCancelRaceTest extends CaptureCancelRaceContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
