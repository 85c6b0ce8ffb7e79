package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentGatewayException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancelling an order before it ships, by its customer, staff or recovery: an unpaid one at once, a paid one by
 * claiming it ({@link OrderStatus#CANCELLING}), giving its money back at the gateway, then cancelling it and
 * returning its stock. Thread-safe.
 */
final class Cancellation {

    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

    private final OrderSupport support;
    private final MoneyMovement movement;
    /** How many cancels of each order this process has at the gateway right now. */
    private final Map<OrderId, Integer> cancelsInFlight = new ConcurrentHashMap<>();

    Cancellation(OrderSupport support, MoneyMovement movement) {
        this.support = Validate.notNull(support, "support");
        this.movement = Validate.notNull(movement, "movement");
    }

    /**
     * Cancels an order: an unpaid one at once; a paid, unshipped one in three steps. First it is marked
     * {@link OrderStatus#CANCELLING}, which no shipment, capture or refund passes; then its authorization is
     * voided or its capture refunded at the gateway; then it becomes {@link OrderStatus#CANCELLED} and its sold
     * units go back to stock. A gateway that refuses puts the order back to {@link OrderStatus#CONFIRMED}; one
     * that does not answer leaves it cancelling, and repeating the call finishes the cancellation. A capture
     * that reached the gateway before this cancel's refund and was recorded before the order was cancelled is
     * refunded once the order is cancelled (under a key of the payment and its captured total, so once whoever
     * finishes the cancel); one recorded after that is refunded by its capture.
     */
    Order cancel(OrderId id, Actor actor, Optional<CustomerId> owner) {
        Order order = support.inTransaction(repositories -> OrderSupport.visible(repositories, id, owner));
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            return cancelUnpaid(order, actor, owner);
        }
        Order claimed = support.inTransaction(repositories -> {
            Order current = OrderSupport.visible(repositories, id, owner);
            if (current.status() == OrderStatus.CANCELLING) {
                return current;
            }
            if (current.status() != OrderStatus.CONFIRMED) {
                throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + current.status()
                        + " and cannot be cancelled");
            }
            if (current.fulfillmentStatus() != FulfillmentStatus.UNFULFILLED) {
                throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is "
                        + current.fulfillmentStatus() + " and cannot be cancelled; refund it instead");
            }
            return OrderChanges.store(repositories, current, current.moveTo(OrderStatus.CANCELLING, support.now(),
                    actor));
        });
        Optional<Payment> payment = claimed.payment().map(paymentId -> support.inTransaction(
                repositories -> OrderSupport.loadPayment(repositories, paymentId)));
        MoneyMovement.Kind back = payment
                .flatMap(paid -> MoneyMovement.givingBack(paid, GatewayKeys.cancel(paid.id()))).orElse(null);
        if (back != null) {
            cancelsInFlight.merge(id, 1, Integer::sum);
            try {
                movement.send(back);
            } catch (RuntimeException e) {
                int othersAtTheGateway = leaveTheGateway(id);
                // A refusal puts the order back, unless another cancel of it still at the gateway may yet give the
                // money back (the order must not be shippable meanwhile); an unknown outcome leaves it cancelling.
                if (e instanceof CommerceException && !(e instanceof PaymentGatewayException)
                        && othersAtTheGateway == 0) {
                    support.inTransaction(repositories -> {
                        Order current = OrderSupport.load(repositories, id);
                        if (current.status() == OrderStatus.CANCELLING) {
                            OrderChanges.store(repositories, current,
                                    current.moveTo(OrderStatus.CONFIRMED, support.now(), actor));
                        }
                        return null;
                    });
                }
                throw e;
            }
            leaveTheGateway(id);
        }
        support.stock().release(claimed);
        Finished finished = support.inTransaction(repositories -> {
            Instant now = support.now();
            Order stored = OrderSupport.load(repositories, id);
            Order current = stored;
            // The money has gone back: it is recorded whatever became of the order meanwhile.
            Optional<Payment> given = payment.map(paid -> back == null
                    ? OrderSupport.lockPayment(repositories, paid.id())
                    : MoneyMovement.record(repositories, id, paid.id(), back, now));
            if (current.status() == OrderStatus.CONFIRMED
                    && current.fulfillmentStatus() == FulfillmentStatus.UNFULFILLED) {
                // A concurrent cancel the gateway refused put the order back while this one's money went back.
                current = current.moveTo(OrderStatus.CANCELLING, now, actor);
            }
            if (current.status() != OrderStatus.CANCELLING) {
                return new Finished(given.map(paid -> OrderSupport.updatePaymentStatus(repositories, id, paid,
                        actor, now)).orElse(stored), Optional.empty());
            }
            Order cancelled = returnToStock(repositories, support.stock(), current, now);
            if (given.isPresent()) {
                cancelled = cancelled.withPaymentStatus(OrderPaymentStatus.of(given.get().status()), now, actor);
            }
            return new Finished(OrderChanges.store(repositories, stored, cancelled.moveTo(OrderStatus.CANCELLED,
                    now, actor)), given.filter(paid -> paid.refundable().isPositive()));
        });
        Order result = finished.order();
        if (result.status() != OrderStatus.CANCELLED) {
            throw new CommerceException(ErrorCode.CONFLICT, "order " + id + " shipped while its cancellation was at"
                    + " the gateway; the money given back is recorded on its payment, and staff must settle the rest");
        }
        return finished.stillHeld().map(paid -> movement.giveBack(result, paid.id(), MoneyMovement.Refund.theRest(
                paid.gatewayPaymentId(), paid.refundable(), GatewayKeys.cancelRest(paid.id(), paid.captured())),
                actor)).orElse(result);
    }

    /**
     * The last step of a cancel.
     *
     * @param order the order as it is now
     * @param stillHeld the payment, as this step cancelled the order with it, if it still held a capture then:
     *     one that reached the gateway before the cancel's refund and was recorded before the order was cancelled
     */
    private record Finished(Order order, Optional<Payment> stillHeld) {
    }

    /** @return how many other cancels of the order are still at the gateway */
    private int leaveTheGateway(OrderId id) {
        Integer left = cancelsInFlight.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1);
        return left == null ? 0 : left;
    }

    private Order cancelUnpaid(Order order, Actor actor, Optional<CustomerId> owner) {
        if (order.paymentStatus() == OrderPaymentStatus.PENDING) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + order.id()
                    + " has a payment in progress; cancel it once its outcome is known");
        }
        return UnpaidExpiry.cancel(support, order.id(), actor, repositories -> {
            Order current = OrderSupport.visible(repositories, order.id(), owner);
            if (current.version() != order.version()) {
                throw CommerceException.conflict("order " + order.id() + " changed while it was being cancelled");
            }
            return Optional.of(current);
        }).orElseThrow();
    }

    /**
     * Gives back what a confirmed, unshipped order took: its promotions' uses, and its sold units, less those a
     * refund already returned, as returns of the sale.
     *
     * @return the order with every unit counted as returned
     */
    private static Order returnToStock(CheckoutRepositories repositories, OrderStock stock, Order order,
            Instant now) {
        repositories.promotions().releaseAll(order.id().toString());
        Map<Sku, Long> units = new TreeMap<>();
        order.lines().stream().filter(line -> line.returnable() > 0)
                .forEach(line -> units.put(line.sku(), line.returnable()));
        stock.returnUnits(repositories, order.id(), units, now);
        return units.isEmpty() ? order : order.withReturned(units);
    }

    /**
     * Returns sold units to stock. The money has already gone back when this runs, so units that stock no longer
     * counts as sold (staff returned them by hand) are skipped with a warning rather than failing the call.
     */
    static void returnSold(CheckoutRepositories repositories, OrderId id, Map<Sku, Long> units,
            Instant now) {
        if (units.isEmpty()) {
            return;
        }
        Map<Sku, StockLevel> levels = repositories.stock().levels(units.keySet(), now);
        Map<Sku, Long> returnable = new TreeMap<>();
        units.forEach((sku, quantity) -> {
            long sold = Optional.ofNullable(levels.get(sku)).map(StockLevel::sold).orElse(0L);
            if (sold < quantity) {
                LOG.warn("order {} returns {} of {} but stock counts only {} sold; returning those", id, quantity,
                        sku, sold);
            }
            if (Math.min(sold, quantity) > 0) {
                returnable.put(sku, Math.min(sold, quantity));
            }
        });
        repositories.stock().returnSoldAll(returnable);
    }

}
