package dev.cartwright.order;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.StockServiceException;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentGatewayException;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.Payments;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishing what a crash or a silent gateway interrupted: orders whose payment's outcome is unknown ask the
 * gateway by the payment's key, and cancellations left {@link OrderStatus#CANCELLING} are completed. Thread-safe.
 */
final class Recovery {

    static final int SWEEP_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final OrderSupport support;
    private final PaymentSettlement settlement;
    private final Cancellation cancellation;

    Recovery(OrderSupport support, PaymentSettlement settlement, Cancellation cancellation) {
        this.support = Validate.notNull(support, "support");
        this.settlement = Validate.notNull(settlement, "settlement");
        this.cancellation = Validate.notNull(cancellation, "cancellation");
    }

    /** @return how many orders learned their payment's outcome or finished cancelling */
    int recover() {
        int settled = 0;
        List<Order> pending = support.read(
                repositories -> repositories.orders().findPaymentPending(SWEEP_BATCH));
        for (Order order : pending) {
            try {
                if (recoverOne(order, false).paymentStatus() != OrderPaymentStatus.PENDING) {
                    settled++;
                }
            } catch (PaymentGatewayException | StockServiceException e) {
                LOG.warn("could not recover order {}: the {} did not answer; will retry", order.id(),
                        e instanceof StockServiceException ? "stock service" : "gateway", e);
            }
        }
        List<Order> cancelling = support.read(
                repositories -> repositories.orders().findCancelling(SWEEP_BATCH));
        for (Order order : cancelling) {
            try {
                cancellation.cancel(order.id(), Actor.system(), Optional.empty());
                settled++;
            } catch (PaymentGatewayException e) {
                LOG.warn("could not finish cancelling order {}: the gateway did not answer; will retry", order.id(),
                        e);
            } catch (CommerceException e) {
                LOG.warn("could not finish cancelling order {}; it stays as it is: {}", order.id(), e.getMessage());
            }
        }
        return settled;
    }

    /** Asks the gateway what became of the order's pending payment; if it never saw it, optionally fails it. */
    Order recoverOne(Order order, boolean failIfUnknown) {
        Payment payment = support.read(
                repositories -> OrderSupport.loadPayment(repositories, order.paymentId()));
        if (payment.status() != PaymentStatus.PENDING) {
            return settlement.recordStored(order.id(), payment.id(), Optional.empty());
        }
        if (!failIfUnknown && settlement.atTheGateway(payment.id())) {
            return order;
        }
        Optional<GatewayResult> outcome = support.requireGateway().lookup(payment.idempotencyKey());
        if (outcome.isPresent()) {
            return settlement.recordStored(order.id(), payment.id(), outcome);
        }
        if (!failIfUnknown) {
            return order;
        }
        return support.inTransaction(repositories -> {
            Instant now = support.now();
            Payment current = OrderSupport.loadPayment(repositories, payment.id());
            Order currentOrder = OrderSupport.load(repositories, order.id());
            if (current.status() != PaymentStatus.PENDING || !currentOrder.isPaidBy(current.id())) {
                return currentOrder;
            }
            Payment failed = current.fail("the gateway never received it before the order expired", now);
            Payments.store(repositories, current, failed);
            return OrderChanges.store(repositories, currentOrder,
                    currentOrder.withPaymentStatus(OrderPaymentStatus.FAILED, now, Actor.system()));
        });
    }
}
