package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.TextContract;

class MemoryTextTest extends TextContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
