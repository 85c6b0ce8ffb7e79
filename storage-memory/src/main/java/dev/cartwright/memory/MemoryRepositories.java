package dev.cartwright.memory;

/** The long-lived repositories of a {@link MemoryStore}, whose tables share one journal. */
final class MemoryRepositories {

    final MemoryCustomerRepository customers;
    final MemorySessionRepository sessions;

    MemoryRepositories(Journal journal) {
        customers = new MemoryCustomerRepository(journal);
        sessions = new MemorySessionRepository(journal);
    }
}
