package dev.cartwright.inventory;

import dev.cartwright.catalog.ProductRepository;
import dev.cartwright.event.OutboxRepositories;

/**
 * The repositories that {@link Inventory} works on inside one transaction, with the outbox that its
 * {@link InventoryEvent}s go to.
 */
public interface InventoryRepositories extends OutboxRepositories {

    /** @return the stock and its reservations */
    StockRepository stock();

    /** @return the products, to check that a SKU names one */
    ProductRepository products();
}
