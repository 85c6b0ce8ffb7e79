package dev.cartwright.order;

import dev.cartwright.error.Validate;
import dev.cartwright.payment.PaymentGatewayException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancelling orders left unpaid: the sweep that expires them once their payment window is over (asking the
 * gateway first about a payment whose outcome is unknown), and what cancelling an unpaid order gives back: its
 * promotions' uses and its stock holds. Thread-safe.
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
        List<Order> expired = support.inTransaction(
                repositories -> repositories.orders().findExpiredUnpaid(support.now(), Recovery.SWEEP_BATCH));
        for (Order order : expired) {
            try {
                if (order.paymentStatus() == OrderPaymentStatus.PENDING) {
                    Order recovered = recovery.recoverOne(order, true);
                    if (recovered.status() != OrderStatus.PENDING_PAYMENT) {
                        continue;
                    }
                }
                if (cancelUnpaid(order.id())) {
                    cancelled++;
                }
            } catch (PaymentGatewayException e) {
                LOG.warn("could not expire order {}: the gateway did not answer; will retry", order.id(), e);
            }
        }
        return cancelled;
    }

    private boolean cancelUnpaid(OrderId id) {
        return support.inTransaction(repositories -> {
            Order order = OrderSupport.load(repositories, id);
            if (order.status() != OrderStatus.PENDING_PAYMENT || order.paymentStatus() == OrderPaymentStatus.PENDING) {
                return false;
            }
            cancelHeld(repositories, order, Actor.system(), support.now());
            return true;
        });
    }

    /**
     * Cancels an unpaid order in the caller's transaction, giving back what placing it took.
     *
     * @return the cancelled order, stored with {@link OrderCancelled}
     */
    static Order cancelHeld(CheckoutRepositories repositories, Order order, Actor actor, Instant now) {
        releaseHolds(repositories, order);
        return OrderChanges.store(repositories, order, order.moveTo(OrderStatus.CANCELLED, now, actor));
    }

    /** Gives back what placing an unpaid order took: its promotions' uses, then its stock holds. */
    static void releaseHolds(CheckoutRepositories repositories, Order order) {
        repositories.promotions().releaseAll(order.id().toString());
        for (OrderLine line : OrderSupport.inSkuOrder(order.lines())) {
            repositories.stock().tryRelease(line.reservationId());
        }
    }
}
