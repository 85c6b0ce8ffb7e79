package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceContract;

class MemoryCaptureCancelRaceTest extends CaptureCancelRaceContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
