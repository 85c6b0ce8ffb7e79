package dev.cartwright.examples.micro;

import dev.cartwright.CommerceStore;
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
import dev.cartwright.store.Durability;
import java.util.function.Function;

/**
 * order-service's store: its own database for everything it keeps (carts, promotions, orders, payments, the outbox),
 * with products read from product-service. The core sees one {@link CommerceStore}; only {@code products()} goes
 * over the wire, and it is read-only.
 */
final class RemoteCatalogStore implements CommerceStore {

    private final CommerceStore local;
    private final ProductRepository products;

    /**
     * @param local the service's own store
     * @param products the catalog kept by product-service
     */
    RemoteCatalogStore(CommerceStore local, ProductRepository products) {
        this.local = local;
        this.products = products;
    }

    @Override
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
        return local.inTransaction(transaction -> work.apply(new WithRemoteProducts(transaction, products)));
    }

    @Override
    public <T> T inTransaction(Durability durability, Function<StoreTransaction, T> work) {
        return local.inTransaction(durability, transaction -> work.apply(new WithRemoteProducts(transaction, products)));
    }

    @Override
    public <T> T read(Function<StoreTransaction, T> work) {
        return local.read(transaction -> work.apply(new WithRemoteProducts(transaction, products)));
    }

    /** A transaction of the local store whose products are product-service's. */
    private record WithRemoteProducts(StoreTransaction local, ProductRepository products) implements StoreTransaction {

        @Override
        public CartRepository carts() {
            return local.carts();
        }

        @Override
        public PromotionRepository promotions() {
            return local.promotions();
        }

        @Override
        public CustomerRepository customers() {
            return local.customers();
        }

        @Override
        public SessionRepository sessions() {
            return local.sessions();
        }

        @Override
        public PaymentRepository payments() {
            return local.payments();
        }

        @Override
        public StockRepository stock() {
            return local.stock();
        }

        @Override
        public OrderRepository orders() {
            return local.orders();
        }

        @Override
        public Outbox outbox() {
            return local.outbox();
        }
    }
}
