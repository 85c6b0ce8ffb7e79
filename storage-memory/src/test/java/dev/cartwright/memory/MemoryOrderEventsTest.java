package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrderEventsContract;

class MemoryOrderEventsTest extends OrderEventsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
