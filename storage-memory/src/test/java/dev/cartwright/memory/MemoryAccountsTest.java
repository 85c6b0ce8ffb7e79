package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.AccountsContract;

class MemoryAccountsTest extends AccountsContract {

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }
}
