package dev.cartwright.order;

import dev.cartwright.cart.CartRepositories;
import dev.cartwright.inventory.InventoryRepositories;
import dev.cartwright.payment.PaymentRepositories;

/**
 * The repositories that checkout and the order services work on inside one transaction: carts, products,
 * promotions, stock, payments and orders.
 */
public interface CheckoutRepositories extends CartRepositories, InventoryRepositories, PaymentRepositories {

    /** @return the orders */
    OrderRepository orders();
}
