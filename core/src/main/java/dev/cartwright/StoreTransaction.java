package dev.cartwright;

import dev.cartwright.catalog.CatalogRepositories;
import dev.cartwright.inventory.InventoryRepositories;

/**
 * One open transaction of a {@link CommerceStore}, with the repositories of every context. Each
 * service sees only the view of it that it needs.
 */
public interface StoreTransaction extends CatalogRepositories, InventoryRepositories {
}
