package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathInterleavingsContract;

class MemoryMoneyPathInterleavingsTest extends MoneyPathInterleavingsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
