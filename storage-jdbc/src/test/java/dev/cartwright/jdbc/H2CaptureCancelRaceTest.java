package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceContract;

class H2CaptureCancelRaceTest extends CaptureCancelRaceContract {

    @Override
    protected CommerceStore createStore() {
        return TestDatabases.freshH2Store();
    }
}
