package dev.cartwright.order;

import dev.cartwright.error.Validate;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.Payments;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway answer that arrives when its order has moved on: an approval whose stock could no longer be sold
 * cancels the order, and an approval of a cancelled order (expired, or cancelled for lack of stock) is given
 * back, so that a cancelled order never keeps money. Thread-safe.
 */
final class LateAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(LateAnswers.class);

    private final OrderSupport support;
    private final MoneyMovement movement;
    private final CheckoutSettings settings;

    LateAnswers(OrderSupport support, MoneyMovement movement) {
        this.support = Validate.notNull(support, "support");
        this.movement = Validate.notNull(movement, "movement");
        this.settings = support.settings();
    }

    /**
     * Runs a recording of the gateway's answer and sees that a cancelled order keeps no money: when the approved
     * order's stock could no longer be sold (its hold lapsed and the units went to another buyer), the order is
     * cancelled instead; when the order was cancelled before the approval arrived (expiry, or just now for lack of
     * stock), the approved money is given back.
     */
    Order record(OrderId id, PaymentId paymentId, Optional<GatewayResult> result, Optional<Order> placed,
            Supplier<Order> recording) {
        Order recorded;
        try {
            confirmStock(id, paymentId, result, placed);
            recorded = recording.get();
        } catch (InsufficientStockException e) {
            recorded = cancelForLackOfStock(id, paymentId, result, e);
        }
        if (recorded.status() != OrderStatus.CANCELLED || !recorded.isPaidBy(paymentId)) {
            return recorded;
        }
        Payment payment = support.read(repositories -> OrderSupport.loadPayment(repositories, paymentId));
        // A payment failed by the expiry sweep may still have been approved: the gateway's answer decides.
        String key = GatewayKeys.giveBack(payment.id());
        Optional<MoneyMovement.Kind> back = holdsMoney(payment) ? MoneyMovement.givingBack(payment, key)
                : result.filter(GatewayResult.Approved.class::isInstance).map(GatewayResult.Approved.class::cast)
                        .map(approved -> MoneyMovement.givingBack(approved, settings.captureOnCheckout(), key));
        // If the gateway does not give it back, the order stays cancelled with its payment as it was, and the
        // failure is logged for staff: the money is never kept silently.
        return back.isPresent() ? movement.giveBack(recorded, payment.id(), back.get(), Actor.system()) : recorded;
    }

    /**
     * Stock kept by another service is sold before the transaction that confirms the order, when the recording
     * may confirm it. Selling it when the recording then does not (the payment had been failed meanwhile) is safe:
     * whatever ends the order, a confirm or a cancel, repeats or undoes the sale.
     */
    private void confirmStock(OrderId id, PaymentId paymentId, Optional<GatewayResult> result,
            Optional<Order> placed) {
        if (support.stock().keptInTheStore()) {
            return;
        }
        boolean approved = result.filter(GatewayResult.Approved.class::isInstance).isPresent();
        Order order = placed.orElse(null);
        if (order == null || result.isEmpty()) {
            order = support.read(repositories -> OrderSupport.load(repositories, id));
            approved |= result.isEmpty() && OrderPaymentStatus.of(support.read(repositories -> OrderSupport
                    .loadPayment(repositories, paymentId)).status()).isApproved();
        }
        if (approved && order.status() == OrderStatus.PENDING_PAYMENT && order.isPaidBy(paymentId)) {
            support.stock().confirm(order);
        }
    }

    private static boolean holdsMoney(Payment payment) {
        return payment.status() == PaymentStatus.AUTHORIZED || payment.refundable().isPositive();
    }

    /** The payment was approved but a lapsed hold's units are gone: the order is cancelled, its holds released. */
    private Order cancelForLackOfStock(OrderId id, PaymentId paymentId, Optional<GatewayResult> result,
            InsufficientStockException shortage) {
        if (!support.stock().keptInTheStore()) {
            support.stock().release(support.read(repositories -> OrderSupport.load(repositories, id)));
        }
        return support.inTransaction(repositories -> {
            Order order = OrderSupport.load(repositories, id);
            if (order.status() != OrderStatus.PENDING_PAYMENT) {
                return order;
            }
            Instant now = support.now();
            Payment stored = OrderSupport.loadPayment(repositories, paymentId);
            Payment payment = stored;
            if (stored.status() == PaymentStatus.PENDING && result.isPresent()
                    && result.get() instanceof GatewayResult.Approved approved) {
                payment = Payments.store(repositories, stored,
                        stored.recordApproval(approved, settings.captureOnCheckout(), now));
            }
            LOG.warn("order {} was paid after its hold of {} lapsed and the stock went to another order;"
                    + " cancelling it and giving the payment back", id, shortage.sku());
            Order next = UnpaidExpiry.releaseHolds(repositories, support.stock(), order, now)
                    .withPaymentStatus(OrderPaymentStatus.of(payment.status()), now, Actor.system());
            next = next.moveTo(OrderStatus.CANCELLED, now, Actor.System.because("out-of-stock:" + shortage.sku()));
            return OrderChanges.store(repositories, order, next);
        });
    }
}
