package dev.cartwright.inventory;

import dev.cartwright.catalog.ProductRepository;

/** The repositories that {@link Inventory} works on inside one transaction. */
public interface InventoryRepositories {

    /** @return the stock and its reservations */
    StockRepository stock();

    /** @return the products, to check that a SKU names one */
    ProductRepository products();
}
