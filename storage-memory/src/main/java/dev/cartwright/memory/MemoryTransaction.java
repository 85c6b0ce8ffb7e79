package dev.cartwright.memory;

import dev.cartwright.StoreTransaction;
import dev.cartwright.cart.CartRepository;
import dev.cartwright.catalog.ProductRepository;
import dev.cartwright.customer.CustomerRepository;
import dev.cartwright.customer.SessionRepository;
import dev.cartwright.event.Outbox;
import dev.cartwright.inventory.StockRepository;
import dev.cartwright.order.OrderRepository;
import dev.cartwright.payment.PaymentRepository;
import dev.cartwright.pricing.PromotionRepository;

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
    public PromotionRepository promotions() {
        return repositories.promotions;
    }

    @Override
    public CartRepository carts() {
        return repositories.carts;
    }

    @Override
    public CustomerRepository customers() {
        return repositories.customers;
    }

    @Override
    public SessionRepository sessions() {
        return repositories.sessions;
    }

    @Override
    public PaymentRepository payments() {
        return repositories.payments;
    }

    @Override
    public StockRepository stock() {
        return repositories.stock;
    }

    @Override
    public OrderRepository orders() {
        return repositories.orders;
    }

    @Override
    public Outbox outbox() {
        return repositories.outbox;
    }
}
