package dev.cartwright.memory;

/** The long-lived repositories of a {@link MemoryStore}, whose tables share one journal. */
final class MemoryRepositories {

    MemoryRepositories(Journal journal) {
    }
}
