package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.InventoryContract;

class MemoryInventoryTest extends InventoryContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
