package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.StockServiceException;
import dev.cartwright.payment.PaymentGatewayException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancelling orders left unpaid: the sweep that expires them once their payment window is over (asking the
 * gateway first about a payment whose outcome is unknown), and what cancelling an unpaid order gives back: its
 * promotions' uses and its stock (sold to it, or held for it by an earlier version). Thread-safe.
 */
final class UnpaidExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(UnpaidExpiry.class);

    private final OrderSupport support;
    private final Recovery recovery;

    UnpaidExpiry(OrderSupport support, Recovery recovery) {
        this.support = Validate.notNull(support, "support");
        this.recovery = Validate.notNull(recovery, "recovery");
    }

    /** @return how many orders were cancelled */
    int expireUnpaid() {
        int cancelled = 0;
        List<Order> expired = support.read(
                repositories -> repositories.orders().findExpiredUnpaid(support.now(), Recovery.SWEEP_BATCH));
        for (Order order : expired) {
            try {
                Order current = order;
                if (order.paymentStatus() == OrderPaymentStatus.PENDING) {
                    current = recovery.recoverOne(order, true);
                    if (current.status() != OrderStatus.PENDING_PAYMENT) {
                        continue;
                    }
                }
                if (cancelUnpaid(current)) {
                    cancelled++;
                }
            } catch (PaymentGatewayException | StockServiceException e) {
                LOG.warn("could not expire order {}: the {} did not answer; will retry", order.id(),
                        e instanceof StockServiceException ? "stock service" : "gateway", e);
            }
        }
        return cancelled;
    }

    private boolean cancelUnpaid(Order expired) {
        return cancellable(expired) && cancel(support, expired.id(), Actor.system(), repositories -> Optional
                .of(OrderSupport.load(repositories, expired.id())).filter(UnpaidExpiry::cancellable)).isPresent();
    }

    /**
     * Cancels an unpaid order. With the stock in the orders' own store that is one transaction. With stock kept
     * elsewhere the order is first claimed ({@link OrderStatus#CANCELLING}), so that no payment can start while its
     * holds go back, then they go back, then it is cancelled; a release that fails leaves it claimed, and
     * {@link Recovery} finishes it.
     *
     * @param current reads the order in the first transaction; empty if it is no longer to be cancelled
     * @return the order as the cancel left it; empty if {@code current} found nothing to cancel
     */
    static Optional<Order> cancel(OrderSupport support, OrderId id, Actor actor,
            Function<CheckoutRepositories, Optional<Order>> current) {
        OrderStock stock = support.stock();
        if (stock.keptInTheStore()) {
            return support.inTransaction(repositories -> current.apply(repositories)
                    .map(order -> cancelHeld(repositories, stock, order, actor, support.now())));
        }
        Optional<Order> claimed = support.inTransaction(repositories -> current.apply(repositories)
                .map(order -> OrderChanges.store(repositories, order,
                        order.moveTo(OrderStatus.CANCELLING, support.now(), actor))));
        if (claimed.isEmpty()) {
            return claimed;
        }
        stock.release(claimed.get());
        return Optional.of(support.inTransaction(repositories -> {
            Order order = OrderSupport.load(repositories, id);
            return order.status() == OrderStatus.CANCELLING
                    ? cancelHeld(repositories, stock, order, actor, support.now()) : order;
        }));
    }

    private static boolean cancellable(Order order) {
        return order.status() == OrderStatus.PENDING_PAYMENT && order.paymentStatus() != OrderPaymentStatus.PENDING;
    }

    /**
     * Cancels an unpaid order in the caller's transaction, giving back what placing it took.
     *
     * @return the cancelled order, stored with {@link OrderCancelled}
     */
    static Order cancelHeld(CheckoutRepositories repositories, OrderStock stock, Order order, Actor actor,
            Instant now) {
        return OrderChanges.store(repositories, order,
                releaseHolds(repositories, stock, order, now).moveTo(OrderStatus.CANCELLED, now, actor));
    }

    /**
     * Gives back what placing an unpaid order took: its promotions' uses, then its stock, whether sold to it when
     * it was placed or (for an order placed by an earlier version) held in reservations.
     *
     * @return the order with the units sold to it counted as returned
     */
    static Order releaseHolds(CheckoutRepositories repositories, OrderStock stock, Order order, Instant now) {
        repositories.promotions().releaseAll(order.id().toString());
        Map<Sku, Long> sold = new TreeMap<>();
        for (OrderLine line : OrderSupport.inSkuOrder(order.lines())) {
            if (line.reservation().isPresent()) {
                repositories.stock().tryRelease(line.reservationId());
            } else if (line.returnable() > 0) {
                sold.merge(line.sku(), line.returnable(), Long::sum);
            }
        }
        stock.returnUnits(repositories, order.id(), sold, now);
        return sold.isEmpty() ? order : order.withReturned(sold);
    }
}
