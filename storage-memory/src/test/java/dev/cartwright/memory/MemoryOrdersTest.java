package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OrdersContract;

class MemoryOrdersTest extends OrdersContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
