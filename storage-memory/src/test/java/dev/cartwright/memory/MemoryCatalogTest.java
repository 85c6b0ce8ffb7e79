package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CatalogContract;

class MemoryCatalogTest extends CatalogContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
