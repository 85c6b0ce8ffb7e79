package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrderEventsWithStockServiceContract;

class MemoryOrderEventsWithStockServiceTest extends OrderEventsWithStockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
