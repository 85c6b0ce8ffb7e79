package dev.cartwright.memory;

import dev.cartwright.StoreTransaction;
import dev.cartwright.catalog.ProductRepository;
import dev.cartwright.inventory.StockRepository;

/** The repositories of a {@link MemoryStore}, valid while its transaction runs. */
final class MemoryTransaction implements StoreTransaction {

    private final MemoryRepositories repositories;

    MemoryTransaction(MemoryRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public ProductRepository products() {
        return repositories.products;
    }

    @Override
    public StockRepository stock() {
        return repositories.stock;
    }
}
