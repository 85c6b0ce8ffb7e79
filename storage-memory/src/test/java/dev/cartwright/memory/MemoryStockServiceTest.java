package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.StockServiceContract;

class MemoryStockServiceTest extends StockServiceContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
