package dev.cartwright.memory;

import dev.cartwright.StoreTransaction;
import dev.cartwright.payment.PaymentRepository;

/** The repositories of a {@link MemoryStore}, valid while its transaction runs. */
final class MemoryTransaction implements StoreTransaction {

    private final MemoryRepositories repositories;

    MemoryTransaction(MemoryRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public PaymentRepository payments() {
        return repositories.payments;
    }
}
