package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.PromotionsContract;

class MemoryPromotionsTest extends PromotionsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
