package dev.cartwright.memory;

/** The long-lived repositories of a {@link MemoryStore}, whose tables share one journal. */
final class MemoryRepositories {

    final MemoryPaymentRepository payments;

    MemoryRepositories(Journal journal) {
        this.payments = new MemoryPaymentRepository(journal);
    }
}
