package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.OutboxDeliveryContract;

class MemoryOutboxDeliveryTest extends OutboxDeliveryContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
