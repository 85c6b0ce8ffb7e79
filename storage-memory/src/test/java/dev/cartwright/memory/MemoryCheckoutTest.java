package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CheckoutContract;

class MemoryCheckoutTest extends CheckoutContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
