package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.event.CommerceEvent;

/** A fact about stock, for listeners that switch over the inventory context's events. */
public sealed interface InventoryEvent extends CommerceEvent permits StockLow {

    /** @return the SKU it is about */
    Sku sku();
}
