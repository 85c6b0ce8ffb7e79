package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.InventoryEventsContract;

class MemoryInventoryEventsTest extends InventoryEventsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
