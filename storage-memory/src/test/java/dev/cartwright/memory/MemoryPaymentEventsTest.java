package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.PaymentEventsContract;

class MemoryPaymentEventsTest extends PaymentEventsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
