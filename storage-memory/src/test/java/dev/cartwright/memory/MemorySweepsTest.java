package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.SweepsContract;

class MemorySweepsTest extends SweepsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
