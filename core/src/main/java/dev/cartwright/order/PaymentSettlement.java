package dev.cartwright.order;

import dev.cartwright.cart.CartAccess;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationAttempt;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.inventory.ReservationStatus;
import dev.cartwright.payment.AuthorizationRequest;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.Payments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settling an order's payment: asking the gateway to authorize it (after placing, or for {@code pay} with another
 * method) and recording the answer over the order, which sells its stock and confirms it, or cancels it and gives
 * the money back when the answer came too late. Thread-safe.
 */
final class PaymentSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSettlement.class);

    private final OrderSupport support;
    private final LateAnswers lateAnswers;
    private final CheckoutSettings settings;
    /** Payments this process is asking the gateway about right now. */
    private final Set<PaymentId> inFlight = ConcurrentHashMap.newKeySet();

    PaymentSettlement(OrderSupport support, LateAnswers lateAnswers) {
        this.support = Validate.notNull(support, "support");
        this.lateAnswers = Validate.notNull(lateAnswers, "lateAnswers");
        this.settings = support.settings();
    }

    /** Starts another payment of a declined order and settles it; a retry with the same key never pays twice. */
    Order pay(OrderId id, CartAccess payer, PaymentMethod method, String idempotencyKey) {
        support.requireGateway();
        String paymentKey = GatewayKeys.retry(id, idempotencyKey);
        OrderPlacement.Placed order;
        try {
            order = support.inTransaction(repositories -> {
                Order current = OrderSupport.visibleTo(repositories, id, payer);
                if (repositories.payments().findByIdempotencyKey(paymentKey).isPresent()) {
                    return new OrderPlacement.Placed(current, Optional.empty());
                }
                Instant now = support.now();
                if (current.isExpiredAt(now)) {
                    throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " has expired");
                }
                Payment payment = Payment.start(new PaymentId(support.ids().next()), id.toString(),
                        current.totals().grandTotal(), method, paymentKey, now);
                Order next = current.withNewPayment(payment.id(), now, current.placedBy());
                repositories.payments().insert(payment);
                OrderChanges.store(repositories, current, next);
                return new OrderPlacement.Placed(next, Optional.of(payment));
            });
        } catch (CommerceException e) {
            // As for placing: a retry that lost the race to its original answers from the original's payment.
            order = support.read(repositories -> repositories.payments()
                    .findByIdempotencyKey(paymentKey)
                    .map(found -> new OrderPlacement.Placed(OrderSupport.visibleTo(repositories, id, payer),
                            Optional.empty())))
                    .orElseThrow(() -> e);
        }
        return settle(order);
    }

    /**
     * Sends the order's pending payment to the gateway, outside any transaction, and records the answer. A
     * payment just created with the order is not read again. While one call of this process is at the gateway
     * for a payment, another for the same payment (a retry racing its original) fails with
     * {@code IN_PROGRESS} instead of asking the gateway a second time.
     */
    Order settle(OrderPlacement.Placed placed) {
        Order order = placed.order();
        if (order.status() != OrderStatus.PENDING_PAYMENT || order.paymentStatus() != OrderPaymentStatus.PENDING) {
            return order;
        }
        Payment payment = placed.payment().isPresent() ? placed.payment().get()
                : support.read(repositories -> OrderSupport.loadPayment(repositories, order.paymentId()));
        if (payment.status() != PaymentStatus.PENDING) {
            return recordStored(order.id(), payment.id(), Optional.empty());
        }
        if (!inFlight.add(payment.id())) {
            throw new CommerceException(ErrorCode.IN_PROGRESS, "idempotencyKey", "the payment of order "
                    + order.id() + " is at the gateway for an earlier call with this key; retry shortly", null);
        }
        try {
            GatewayResult result = support.requireGateway().authorize(
                    AuthorizationRequest.forPayment(payment, settings.captureOnCheckout()));
            return placed.payment().isPresent()
                    ? lateAnswers.record(order.id(), payment.id(), Optional.of(result), Optional.of(order),
                            () -> recordOver(order, payment, result))
                    : recordStored(order.id(), payment.id(), Optional.of(result));
        } finally {
            inFlight.remove(payment.id());
        }
    }

    /**
     * Records a gateway answer over the order and payment as the first transaction wrote them, without reading
     * them again: their versioned updates fail if anything changed them since (a webhook, the expiry sweep), and
     * then the answer is recorded over what is stored, as {@link #record} does.
     */
    private Order recordOver(Order order, Payment payment, GatewayResult result) {
        AtomicBoolean firstAttempt = new AtomicBoolean(true);
        try {
            return support.recordingTheGatewaysAnswer(repositories -> firstAttempt.getAndSet(false)
                    ? record(repositories, order, payment, Optional.of(result))
                    : record(repositories, OrderSupport.load(repositories, order.id()),
                            OrderSupport.loadPayment(repositories, payment.id()), Optional.of(result)));
        } catch (CommerceException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            return record(order.id(), payment.id(), Optional.of(result));
        }
    }

    /**
     * Records what is known of a payment (the gateway's answer, or empty for what the payment itself records)
     * over the order and payment as stored, seeing that a cancelled order keeps no money ({@link LateAnswers}).
     */
    Order recordStored(OrderId id, PaymentId paymentId, Optional<GatewayResult> result) {
        return lateAnswers.record(id, paymentId, result, Optional.empty(), () -> record(id, paymentId, result));
    }

    /** Transaction 2: records a gateway answer on the payment and the order; harmless to repeat. */
    private Order record(OrderId id, PaymentId paymentId, Optional<GatewayResult> result) {
        Function<CheckoutRepositories, Order> recording = repositories -> record(repositories,
                OrderSupport.load(repositories, id), OrderSupport.loadPayment(repositories, paymentId), result);
        return result.isPresent() ? support.recordingTheGatewaysAnswer(recording) : support.inTransaction(recording);
    }

    private Order record(CheckoutRepositories repositories, Order order, Payment payment,
            Optional<GatewayResult> result) {
        Instant now = support.now();
        PaymentId paymentId = payment.id();
        Payment recorded = payment;
        // A webhook may have recorded the authorization first, and a sweep may even have confirmed the order on
        // it since: the capture that came with the authorization is still ours to record.
        boolean capturedWithIt = settings.captureOnCheckout() && payment.status() == PaymentStatus.AUTHORIZED
                && result.isPresent() && result.get() instanceof GatewayResult.Approved
                && order.isPaidBy(paymentId);
        if (result.isPresent() && (payment.status() == PaymentStatus.PENDING || capturedWithIt)) {
            recorded = result.get() instanceof GatewayResult.Approved approved
                    ? payment.recordApproval(approved, settings.captureOnCheckout(), now)
                    : payment.recordDecline((GatewayResult.Declined) result.get(), now);
            Payments.store(repositories, payment, recorded);
        }
        if (!order.isPaidBy(paymentId) || order.status() != OrderStatus.PENDING_PAYMENT) {
            return recorded != payment && order.isPaidBy(paymentId)
                    ? OrderSupport.updatePaymentStatus(repositories, order.id(), recorded, Actor.system(), now) : order;
        }
        Order next = order.withPaymentStatus(OrderPaymentStatus.of(recorded.status()), now, Actor.system());
        if (next.paymentStatus().isApproved()) {
            sellStock(repositories, order, now);
            // Confirming it publishes OrderPlaced.
            next = next.moveTo(OrderStatus.CONFIRMED, now, Actor.system());
        }
        return OrderChanges.store(repositories, order, next);
    }

    /**
     * Sells the stock that the order holds in reservations, if it was placed by an earlier version: lines sold when
     * the order was placed hold none. A hold that lapsed before the payment was approved is taken again under the
     * same guard as any sale; if its units are gone, this throws and the caller's transaction sells nothing.
     */
    private void sellStock(CheckoutRepositories repositories, Order order, Instant now) {
        List<ReservationId> held = order.lines().stream().flatMap(line -> line.reservation().stream()).toList();
        if (held.isEmpty()) {
            return;
        }
        Set<ReservationId> committed = repositories.stock().tryCommitAll(held, now);
        if (committed.size() == held.size()) {
            return;
        }
        List<Reservation> again = new ArrayList<>();
        for (OrderLine line : OrderSupport.inSkuOrder(order.lines())) {
            if (line.reservation().isPresent() && !committed.contains(line.reservationId())
                    && repositories.stock().status(line.reservationId(), now)
                    .filter(status -> status == ReservationStatus.COMMITTED).isEmpty()) {
                again.add(new Reservation(new ReservationId(support.ids().next()), line.sku(), line.quantity(),
                        now.plus(settings.orderPaymentTimeout()), now));
            }
        }
        if (again.isEmpty()) {
            return;
        }
        ReservationAttempt attempt = repositories.stock().tryReserveAll(again, now);
        if (!attempt.recorded()) {
            throw InsufficientStockException.firstShort(again, attempt);
        }
        settings.lowStockThreshold().publishCrossings(repositories, again, attempt, now);
        repositories.stock().tryCommitAll(again.stream().map(Reservation::id).toList(), now);
        LOG.info("order {} was paid after a hold lapsed; its stock was taken again: {}", order.id(), again);
    }

    /** @return whether a call of this process is asking the gateway about the payment right now */
    boolean atTheGateway(PaymentId payment) {
        return inFlight.contains(payment);
    }
}
