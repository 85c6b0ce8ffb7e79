package dev.cartwright.order;

import dev.cartwright.cart.CartAccess;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.store.Durability;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every order workflow shares: its transactions, gateway, clock, names and settings, and the reads and
 * checks they all make. Every gateway call happens between transactions, never inside one. Thread-safe.
 */
final class OrderSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSupport.class);

    private final UnitOfWork<CheckoutRepositories> transactions;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final IdGenerator ids;
    private final CheckoutSettings settings;
    private final Runnable afterCommit;
    private final OrderStock stock;

    OrderSupport(UnitOfWork<CheckoutRepositories> transactions, PaymentGateway gateway, Clock clock,
            IdGenerator ids, CheckoutSettings settings, Runnable afterCommit, OrderStock stock) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.gateway = gateway;
        this.clock = Validate.notNull(clock, "clock");
        this.ids = Validate.notNull(ids, "ids");
        this.settings = Validate.notNull(settings, "settings");
        this.afterCommit = Validate.notNull(afterCommit, "afterCommit");
        this.stock = Validate.notNull(stock, "stock");
    }

    <T> T inTransaction(Function<CheckoutRepositories, T> work) {
        return transactions.inTransaction(work);
    }

    /**
     * A transaction that records what the gateway answered: the gateway keeps the answer under the payment's key,
     * so {@link Recovery} can record it again should a crash of the database lose this commit.
     */
    <T> T recordingTheGatewaysAnswer(Function<CheckoutRepositories, T> work) {
        return transactions.inTransaction(Durability.DEFERRED, work);
    }

    /** Look-ups that need no transaction of their own; see {@link UnitOfWork#read}. */
    <T> T read(Function<CheckoutRepositories, T> work) {
        return transactions.read(work);
    }

    Instant now() {
        return clock.instant();
    }

    IdGenerator ids() {
        return ids;
    }

    CheckoutSettings settings() {
        return settings;
    }

    /** @return where the stock that orders take is kept */
    OrderStock stock() {
        return stock;
    }

    /** @return a fresh key for a money movement whose caller gave none */
    String newOperationKey() {
        return ids.next().toString();
    }

    /** Offers the events just committed to the listeners; their failures never fail the caller's call. */
    <T> T published(T result) {
        try {
            afterCommit.run();
        } catch (RuntimeException e) {
            LOG.warn("event delivery failed; the events stay in the outbox for the next attempt", e);
        }
        return result;
    }

    PaymentGateway requireGateway() {
        if (gateway == null) {
            throw new IllegalStateException(
                    "no payment gateway configured: call Commerce.builder().paymentGateway(...)");
        }
        return gateway;
    }

    static void requireApproved(GatewayResult result, String operation) {
        if (result instanceof GatewayResult.Declined declined) {
            throw new CommerceException(ErrorCode.PAYMENT_DECLINED, "the gateway declined the " + operation + ": "
                    + declined.reason() + " " + declined.message());
        }
    }

    /** Applies a change to an order in a transaction of its own and stores it with its events. */
    Order change(OrderId id, Function<Order, Order> change) {
        return transactions.inTransaction(repositories -> {
            Order current = load(repositories, id);
            return OrderChanges.store(repositories, current, change.apply(current));
        });
    }

    /** Brings the order's payment status up to date with its current payment; other payments leave it be. */
    static Order updatePaymentStatus(CheckoutRepositories repositories, OrderId id, Payment payment, Actor actor,
            Instant now) {
        Order current = load(repositories, id);
        if (!current.isPaidBy(payment.id())) {
            return current;
        }
        return OrderChanges.store(repositories, current,
                current.withPaymentStatus(OrderPaymentStatus.of(payment.status()), now, actor));
    }

    static Order visible(CheckoutRepositories repositories, OrderId id, Optional<CustomerId> owner) {
        Order order = load(repositories, id);
        if (owner.isPresent() && !order.belongsTo(owner.get())) {
            throw new CommerceException(ErrorCode.FORBIDDEN, "order " + id + " belongs to someone else");
        }
        return order;
    }

    static Order visibleTo(CheckoutRepositories repositories, OrderId id, CartAccess shopper) {
        Order order = load(repositories, id);
        if (!order.admits(shopper)) {
            throw new CommerceException(ErrorCode.FORBIDDEN, "orderId", "order " + id + " is not yours", null);
        }
        return order;
    }

    static Order load(CheckoutRepositories repositories, OrderId id) {
        return repositories.orders().findById(id).orElseThrow(() -> CommerceException.notFound("order", id));
    }

    static Payment loadPayment(CheckoutRepositories repositories, PaymentId id) {
        return repositories.payments().findById(id).orElseThrow(() -> CommerceException.notFound("payment", id));
    }

    static Payment lockPayment(CheckoutRepositories repositories, PaymentId id) {
        return repositories.payments().findByIdForUpdate(id)
                .orElseThrow(() -> CommerceException.notFound("payment", id));
    }

    /**
     * Stock rows are always locked in SKU order, as reservations are taken, so that two transactions
     * touching the same SKUs cannot lock them in opposite orders and deadlock.
     */
    static List<OrderLine> inSkuOrder(List<OrderLine> lines) {
        List<OrderLine> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing(OrderLine::sku));
        return sorted;
    }
}
