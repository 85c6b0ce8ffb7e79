package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathRacesContract;

class MemoryMoneyPathRacesTest extends MoneyPathRacesContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
