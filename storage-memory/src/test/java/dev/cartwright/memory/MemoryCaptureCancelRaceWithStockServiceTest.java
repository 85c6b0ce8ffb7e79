package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceWithStockServiceContract;

class MemoryCaptureCancelRaceWithStockServiceTest extends CaptureCancelRaceWithStockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
