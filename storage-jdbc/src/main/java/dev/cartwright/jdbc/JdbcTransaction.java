package dev.cartwright.jdbc;

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
import org.jdbi.v3.core.Handle;

/** The repositories of one {@link JdbcStore} transaction, all on its one handle. */
final class JdbcTransaction implements StoreTransaction {

    private final Sql sql;

    JdbcTransaction(Handle handle, Dialect dialect) {
        this(handle, dialect, true);
    }

    JdbcTransaction(Handle handle, Dialect dialect, boolean pipelining) {
        this.sql = new Sql(handle, dialect, pipelining);
    }

    /** Holds back a statement to run first, with whatever the transaction sends first. */
    JdbcTransaction first(String statement) {
        sql.defer(statement);
        return this;
    }

    /** Sends the writes still held back; before the commit. */
    void flush() {
        sql.flush();
    }

    @Override
    public ProductRepository products() {
        return new JdbcProductRepository(sql);
    }

    @Override
    public PromotionRepository promotions() {
        return new JdbcPromotionRepository(sql);
    }

    @Override
    public CartRepository carts() {
        return new JdbcCartRepository(sql);
    }

    @Override
    public CustomerRepository customers() {
        return new JdbcCustomerRepository(sql);
    }

    @Override
    public SessionRepository sessions() {
        return new JdbcSessionRepository(sql);
    }

    @Override
    public PaymentRepository payments() {
        return new JdbcPaymentRepository(sql);
    }

    @Override
    public StockRepository stock() {
        return new JdbcStockRepository(sql);
    }

    @Override
    public OrderRepository orders() {
        return new JdbcOrderRepository(sql);
    }

    @Override
    public Outbox outbox() {
        return new JdbcOutbox(sql);
    }
}
