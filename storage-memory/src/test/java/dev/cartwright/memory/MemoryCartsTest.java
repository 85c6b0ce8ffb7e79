package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CartsContract;

class MemoryCartsTest extends CartsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
