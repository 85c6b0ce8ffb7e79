package dev.cartwright.memory;

import dev.cartwright.StoreTransaction;

/** The repositories of a {@link MemoryStore}, valid while its transaction runs. */
final class MemoryTransaction implements StoreTransaction {

    private final MemoryRepositories repositories;

    MemoryTransaction(MemoryRepositories repositories) {
        this.repositories = repositories;
    }
}
