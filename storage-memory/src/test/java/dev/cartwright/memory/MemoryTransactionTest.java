package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.TransactionContract;

class MemoryTransactionTest extends TransactionContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
