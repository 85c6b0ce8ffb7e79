package dev.cartwright.catalog;

import dev.cartwright.store.UnitOfWork;

/**
 * The catalog's use cases: create, change, archive, find and list products. Thread-safe.
 */
public final class Catalog {

    private final UnitOfWork<CatalogRepositories> transactions;

    /**
     * @param transactions the transactions to run in
     */
    public Catalog(UnitOfWork<CatalogRepositories> transactions) {
        this.transactions = transactions;
    }
}
