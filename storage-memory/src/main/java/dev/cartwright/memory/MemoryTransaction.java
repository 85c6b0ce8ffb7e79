package dev.cartwright.memory;

import dev.cartwright.StoreTransaction;
import dev.cartwright.customer.CustomerRepository;
import dev.cartwright.customer.SessionRepository;

/** The repositories of a {@link MemoryStore}, valid while its transaction runs. */
final class MemoryTransaction implements StoreTransaction {

    private final MemoryRepositories repositories;

    MemoryTransaction(MemoryRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public CustomerRepository customers() {
        return repositories.customers;
    }

    @Override
    public SessionRepository sessions() {
        return repositories.sessions;
    }
}
