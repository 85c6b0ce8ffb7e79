package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathInterleavingsWithStockServiceContract;

class MemoryMoneyPathInterleavingsWithStockServiceTest extends MoneyPathInterleavingsWithStockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
