package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbCaptureCancelRaceTest extends CaptureCancelRaceContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
