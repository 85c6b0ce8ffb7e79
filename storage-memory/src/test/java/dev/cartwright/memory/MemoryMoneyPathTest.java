package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathContract;

class MemoryMoneyPathTest extends MoneyPathContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
