package dev.cartwright.examples.host;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.catalog.Product;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host's own service on top of Cartwright, as a shop would write one: "buy again" fills the customer's cart
 * with the lines of an earlier order, skipping what is no longer sold and trimming to the stock available.
 * Its unit test ({@code ReordersTest}) runs it on {@code MemoryStore}: no database, no HTTP. Thread-safe as
 * {@link Commerce} is.
 */
public final class Reorders {

    private final Commerce shop;

    /**
     * @param shop the shop's services
     */
    public Reorders(Commerce shop) {
        this.shop = shop;
    }

    /**
     * Adds the lines of {@code previous} to the customer's active cart (created if there is none).
     *
     * @param customer the customer asking
     * @param previous one of their orders
     * @return the cart and what could not be added
     * @throws dev.cartwright.error.CommerceException {@code NOT_FOUND} for an unknown order; {@code FORBIDDEN}
     *     if it is not the customer's
     */
    public Result buyAgain(CustomerId customer, OrderId previous) {
        Order order = shop.orders().get(customer, previous);
        Cart cart = shop.carts().activeCartOf(customer)
                .orElseGet(() -> shop.carts().createFor(customer, order.currency()));
        List<String> skipped = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Optional<Product> product = shop.catalog().findBySku(line.sku()).filter(Product::isActive);
            long available = shop.inventory().level(line.sku()).available();
            long quantity = Math.min(line.quantity(), available);
            if (product.isEmpty() || quantity == 0) {
                skipped.add(line.name());
                continue;
            }
            cart = shop.carts().add(CartAccess.customer(customer), cart.id(), line.sku(), quantity);
        }
        return new Result(cart, List.copyOf(skipped));
    }

    /**
     * What {@link #buyAgain} did.
     *
     * @param cart the customer's cart afterwards
     * @param skipped the names of the lines left out: no longer sold or out of stock
     */
    public record Result(Cart cart, List<String> skipped) {
    }
}
