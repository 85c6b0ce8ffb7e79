package dev.cartwright.order;

import dev.cartwright.cart.CartRepositories;
import dev.cartwright.event.OutboxRepositories;
import dev.cartwright.inventory.InventoryRepositories;
import dev.cartwright.payment.PaymentRepositories;

/**
 * The repositories that checkout and the order services work on inside one transaction: carts, products,
 * promotions, stock, payments, orders and
 * the outbox their events go to.
 */
public interface CheckoutRepositories extends CartRepositories, InventoryRepositories, PaymentRepositories,
        OutboxRepositories {

    /** @return the orders */
    OrderRepository orders();
}
