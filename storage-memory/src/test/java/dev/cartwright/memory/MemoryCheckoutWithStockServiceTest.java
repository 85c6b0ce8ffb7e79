package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CheckoutWithStockServiceContract;

class MemoryCheckoutWithStockServiceTest extends CheckoutWithStockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
