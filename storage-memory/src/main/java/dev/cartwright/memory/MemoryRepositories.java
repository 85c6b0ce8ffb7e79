package dev.cartwright.memory;

/** The long-lived repositories of a {@link MemoryStore}, whose tables share one journal. */
final class MemoryRepositories {

    final MemoryProductRepository products;
    final MemoryStockRepository stock;

    MemoryRepositories(Journal journal) {
        this.products = new MemoryProductRepository(journal);
        this.stock = new MemoryStockRepository(journal);
    }
}
