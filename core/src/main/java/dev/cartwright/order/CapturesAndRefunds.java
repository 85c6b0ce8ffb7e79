package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentLogEntry;
import dev.cartwright.payment.PaymentStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Staff's money operations on a placed order: capturing its authorization and refunding what was captured,
 * each an operation with its own key, moved through {@link MoneyMovement}. Thread-safe.
 */
final class CapturesAndRefunds {

    private final OrderSupport support;
    private final MoneyMovement movement;

    CapturesAndRefunds(OrderSupport support, MoneyMovement movement) {
        this.support = Validate.notNull(support, "support");
        this.movement = Validate.notNull(movement, "movement");
    }

    /**
     * Captures part or the rest of an order's authorization, as the operation {@code operationKey}: a repeat of
     * the same operation (same key) answers as the first did and captures nothing more; another operation, even
     * of the same amount at the same moment, captures again. A capture that passed the gateway while the order
     * was being cancelled, and is recorded only after the order was cancelled, is refunded at once (under a key
     * of its own, so once), since a cancelled order keeps no money; if the gateway refuses that refund, or does
     * not answer, the failure is logged for staff.
     */
    Order capture(OrderId id, Optional<Money> amount, String operationKey, Actor actor) {
        Order order = support.inTransaction(repositories -> OrderSupport.load(repositories, id));
        if (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.COMPLETED) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + order.status()
                    + " and has nothing to capture");
        }
        Payment payment = support.inTransaction(
                repositories -> OrderSupport.loadPayment(repositories, order.paymentId()));
        String key = GatewayKeys.capture(payment.id(), operationKey);
        if (alreadyDone(payment, key, amount)) {
            return order;
        }
        Money toCapture = amount.orElse(payment.capturable());
        if (!toCapture.currency().equals(payment.currency())) {
            throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "capture in " + toCapture.currency()
                    + " of a payment in " + payment.currency());
        }
        if (!toCapture.isPositive() || toCapture.compareTo(payment.capturable()) > 0
                || (payment.status() != PaymentStatus.AUTHORIZED
                && payment.status() != PaymentStatus.PARTIALLY_CAPTURED)) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "payment of order " + id + " is "
                    + payment.status() + " with " + payment.capturable() + " capturable; cannot capture " + toCapture);
        }
        AtomicBoolean recordedOnACancelledOrder = new AtomicBoolean();
        Order captured = movement.move(id, payment.id(), new MoneyMovement.Capture(payment.gatewayPaymentId(),
                toCapture, key), actor, (repositories, now) -> recordedOnACancelledOrder.set(
                        OrderSupport.load(repositories, id).status() == OrderStatus.CANCELLED));
        if (!recordedOnACancelledOrder.get()) {
            return captured;
        }
        // The order's cancel gave back what it saw before this capture was recorded; this capture is given back
        // here, and only here: a cancel that saw it (it recorded first) gives it back itself.
        return movement.giveBack(captured, payment.id(), MoneyMovement.Refund.of(payment.gatewayPaymentId(),
                toCapture, GatewayKeys.captureGivenBack(payment.id(), operationKey)), actor);
    }

    /**
     * Refunds part of what was captured, as the operation {@code operationKey} (see {@link #capture}), putting
     * the returned units back in stock: in the refund's transaction for the orders' own store; at the service that
     * keeps it after the gateway refunded and before that transaction, under the refund's gateway key.
     */
    Order refund(OrderId id, Money amount, Map<Sku, Long> restock, String operationKey, Actor actor) {
        Validate.notNull(amount, "amount");
        Order order = support.inTransaction(repositories -> OrderSupport.load(repositories, id));
        if (order.status() == OrderStatus.CANCELLING) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is being cancelled");
        }
        Payment payment = support.inTransaction(
                repositories -> OrderSupport.loadPayment(repositories, order.paymentId()));
        String key = GatewayKeys.refund(payment.id(), operationKey);
        if (alreadyDone(payment, key, Optional.of(amount))) {
            return order;
        }
        // Checked only for a refund not yet recorded: a repeat of a recorded one finds its own units returned.
        order.withReturned(restock);
        if (!amount.currency().equals(payment.currency())) {
            throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "refund in " + amount.currency()
                    + " of a payment in " + payment.currency());
        }
        if (!amount.isPositive() || amount.compareTo(payment.refundable()) > 0) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "payment of order " + id + " has "
                    + payment.refundable() + " refundable; cannot refund " + amount);
        }
        MoneyMovement.Refund refund = MoneyMovement.Refund.of(payment.gatewayPaymentId(), amount, key);
        movement.send(refund);
        // Units go back where another service keeps them only once the money has gone back, and before the
        // refund is recorded: a refused or unanswered refund returns none, and a retry of this operation repeats
        // both calls under the same keys, the return by the refund's own key.
        Map<Sku, Long> returned = support.stock().returnRefunded(order, key, restock);
        return movement.recordSent(id, payment.id(), refund, actor,
                (repositories, now) -> putBack(repositories, support.stock(), id, returned, now));
    }

    /**
     * Counts a refund's returned units on the order's lines and puts them back in the orders' own stock. The money
     * has moved by now, so a concurrent refund that returned some of the same units first is not an error: each
     * line returns at most what it has left.
     */
    private static void putBack(CheckoutRepositories repositories, OrderStock stock, OrderId id,
            Map<Sku, Long> restock, Instant now) {
        if (restock.isEmpty()) {
            return;
        }
        Order order = OrderSupport.load(repositories, id);
        Map<Sku, Long> units = new TreeMap<>();
        for (OrderLine line : order.lines()) {
            long wanted = restock.getOrDefault(line.sku(), 0L);
            if (wanted > 0 && line.returnable() > 0) {
                units.put(line.sku(), Math.min(wanted, line.returnable()));
            }
        }
        if (units.isEmpty()) {
            return;
        }
        OrderChanges.store(repositories, order, order.withReturned(units));
        stock.returnUnits(repositories, id, units, now);
    }

    /**
     * Whether the payment already records the operation with this gateway key: then the call is a repeat, and
     * answers as the first did. The same key with another amount is a different request: {@code CONFLICT}.
     */
    private static boolean alreadyDone(Payment payment, String key, Optional<Money> amount) {
        Optional<PaymentLogEntry> done = payment.log().stream().filter(entry -> key.equals(entry.gatewayEventId()))
                .findFirst();
        if (done.isPresent() && amount.isPresent() && !done.get().amount().equals(amount.get())) {
            throw new CommerceException(ErrorCode.CONFLICT, "operationKey", "operation key was used for "
                    + done.get().kind() + " of " + done.get().amount() + ", not " + amount.get(), null);
        }
        return done.isPresent();
    }

}
