package dev.cartwright;

import dev.cartwright.cart.CartRepositories;
import dev.cartwright.catalog.CatalogRepositories;
import dev.cartwright.customer.AccountRepositories;
import dev.cartwright.event.OutboxRepositories;
import dev.cartwright.inventory.InventoryRepositories;
import dev.cartwright.order.CheckoutRepositories;
import dev.cartwright.payment.PaymentRepositories;
import dev.cartwright.pricing.PricingRepositories;

/**
 * One open transaction of a {@link CommerceStore}, with the repositories of every context. Each
 * service sees only the view of it that it needs.
 */
public interface StoreTransaction extends CatalogRepositories, PricingRepositories, CartRepositories,
        AccountRepositories, PaymentRepositories, InventoryRepositories, CheckoutRepositories,
        OutboxRepositories {
}
