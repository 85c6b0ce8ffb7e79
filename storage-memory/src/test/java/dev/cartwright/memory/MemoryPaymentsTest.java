package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.PaymentsContract;

class MemoryPaymentsTest extends PaymentsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
