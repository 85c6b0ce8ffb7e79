package dev.cartwright.order;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import dev.cartwright.payment.CaptureRequest;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.Payments;
import dev.cartwright.payment.RefundRequest;
import dev.cartwright.payment.VoidRequest;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How money moves on a payment after its order was placed (a capture, a refund, a void), always in the same
 * shape: the gateway is asked under the movement's key with no transaction open, then one transaction locks the
 * payment, records the movement once whoever records it first ({@code recordGatewayEvent} on the key), and
 * brings the order up to date. Thread-safe.
 */
final class MoneyMovement {

    private static final Logger LOG = LoggerFactory.getLogger(MoneyMovement.class);

    /** One kind of movement: what the gateway is asked, and what the payment records once it approved. */
    sealed interface Kind {

        /** @return the gateway key, unique to this movement */
        String key();

        /** @return the operation's name, for errors and logs */
        String operation();

        GatewayResult send(PaymentGateway gateway);

        /** @return the payment with the movement recorded, or {@code current} if there is nothing to record */
        Payment recordOn(Payment current, Instant now);
    }

    /**
     * Captures {@code amount} of an authorization. Once the gateway approved it, it is recorded even on a payment
     * that a cancel refunded meanwhile (the gateway captured before it refunded), so the capture can be given back.
     */
    record Capture(String gatewayPaymentId, Money amount, String key) implements Kind {
        public String operation() {
            return "capture";
        }

        public GatewayResult send(PaymentGateway gateway) {
            return gateway.capture(new CaptureRequest(gatewayPaymentId, amount, key));
        }

        public Payment recordOn(Payment current, Instant now) {
            return current.capturePerformedBeforeARefund(amount, key, now);
        }
    }

    /**
     * Refunds {@code amount} of what was captured. A refund of {@code theRest} (all that was refundable when it
     * was sent) is recorded only while that much is still refundable, as a notification may have recorded it
     * first.
     */
    record Refund(String gatewayPaymentId, Money amount, String key, boolean theRest) implements Kind {
        /** @return a refund of {@code amount} exactly */
        static Refund of(String gatewayPaymentId, Money amount, String key) {
            return new Refund(gatewayPaymentId, amount, key, false);
        }

        /** @return a refund of {@code amount}, all that was refundable when it is sent */
        static Refund theRest(String gatewayPaymentId, Money amount, String key) {
            return new Refund(gatewayPaymentId, amount, key, true);
        }

        public String operation() {
            return "refund";
        }

        public GatewayResult send(PaymentGateway gateway) {
            return gateway.refund(new RefundRequest(gatewayPaymentId, amount, key));
        }

        public Payment recordOn(Payment current, Instant now) {
            return !theRest || current.refundable().compareTo(amount) >= 0 ? current.refund(amount, key, now)
                    : current;
        }
    }

    /** Voids an authorization, if the payment still holds it. */
    record Void(String gatewayPaymentId, String key) implements Kind {
        public String operation() {
            return "void";
        }

        public GatewayResult send(PaymentGateway gateway) {
            return gateway.voidAuthorization(new VoidRequest(gatewayPaymentId, key));
        }

        public Payment recordOn(Payment current, Instant now) {
            return current.status() == PaymentStatus.AUTHORIZED ? current.voidAuthorization(key, now) : current;
        }
    }

    /** What else a movement changes, in its transaction, when this call is the one that records it. */
    interface FirstRecord {
        void then(CheckoutRepositories repositories, Instant now);
    }

    /** A movement that changes nothing but the payment and the order's payment status. */
    static final FirstRecord NOTHING_ELSE = (repositories, now) -> { };

    /**
     * How to give all of a payment's money back: a void of an authorization or a refund of what was captured.
     *
     * @return the movement; empty if the payment holds no money
     */
    static Optional<Kind> givingBack(Payment payment, String key) {
        if (payment.status() == PaymentStatus.AUTHORIZED) {
            return Optional.of(new Void(payment.gatewayPaymentId(), key));
        }
        return payment.refundable().isPositive()
                ? Optional.of(Refund.theRest(payment.gatewayPaymentId(), payment.refundable(), key))
                : Optional.empty();
    }

    /** @return how to give back an approval that the payment never recorded */
    static Kind givingBack(GatewayResult.Approved approved, boolean captured, String key) {
        return captured ? Refund.theRest(approved.gatewayPaymentId(), approved.amount(), key)
                : new Void(approved.gatewayPaymentId(), key);
    }

    private final OrderSupport support;

    MoneyMovement(OrderSupport support) {
        this.support = Validate.notNull(support, "support");
    }

    /**
     * Asks the gateway for the movement, outside any transaction.
     *
     * @throws dev.cartwright.error.CommerceException {@code PAYMENT_DECLINED} if it refuses;
     *     {@link dev.cartwright.payment.PaymentGatewayException} if its answer is unknown
     */
    void send(Kind kind) {
        OrderSupport.requireApproved(kind.send(support.requireGateway()), kind.operation());
    }

    /**
     * The whole movement: asks the gateway, then records it and updates the order's payment status.
     *
     * @return the order as it is now
     */
    Order move(OrderId id, PaymentId paymentId, Kind kind, Actor actor, FirstRecord then) {
        send(kind);
        return recordSent(id, paymentId, kind, actor, then);
    }

    /**
     * The second half of {@link #move}, for a caller that does more between the gateway and the recording: records
     * a movement the gateway approved and updates the order's payment status.
     *
     * @return the order as it is now
     */
    Order recordSent(OrderId id, PaymentId paymentId, Kind kind, Actor actor, FirstRecord then) {
        return support.inTransaction(repositories -> {
            Instant now = support.now();
            Payment recorded = record(repositories, id, paymentId, kind, now, then);
            return OrderSupport.updatePaymentStatus(repositories, id, recorded, actor, now);
        });
    }

    /**
     * Gives back money that a cancelled order was found to keep (a capture that its cancel did not see), and
     * records it. The caller's own change has committed by now, so a gateway that refuses or does not answer is
     * logged for staff, with the payment left as it was, and not thrown.
     *
     * @return the order as it is now
     */
    Order giveBack(Order order, PaymentId paymentId, Kind back, Actor actor) {
        try {
            send(back);
        } catch (CommerceException e) {
            LOG.error("order {} is cancelled but its payment {} still holds money that could not be given back"
                    + " ({} under key {}); release it by hand", order.id(), paymentId, back.operation(), back.key(), e);
            return order;
        }
        return support.inTransaction(repositories -> {
            Instant now = support.now();
            Payment recorded = record(repositories, order.id(), paymentId, back, now);
            return OrderSupport.updatePaymentStatus(repositories, order.id(), recorded, actor, now);
        });
    }

    /**
     * Records a movement that changes nothing else, as
     * {@link #record(CheckoutRepositories, OrderId, PaymentId, Kind, Instant, FirstRecord)} does.
     */
    static Payment record(CheckoutRepositories repositories, OrderId id, PaymentId paymentId, Kind kind,
            Instant now) {
        return record(repositories, id, paymentId, kind, now, NOTHING_ELSE);
    }

    /**
     * Records a movement the gateway approved, in the caller's transaction: locks the payment, records the
     * movement once whoever records it first, with the payment's events and, for money given back,
     * {@link OrderRefunded}.
     *
     * @return the payment as it is now
     */
    static Payment record(CheckoutRepositories repositories, OrderId id, PaymentId paymentId, Kind kind,
            Instant now, FirstRecord then) {
        Payment current = OrderSupport.lockPayment(repositories, paymentId);
        if (!repositories.payments().recordGatewayEvent(paymentId, kind.key(), now)) {
            return current;
        }
        Payment next = Payments.store(repositories, current, kind.recordOn(current, now));
        then.then(repositories, now);
        if (next.refunded().compareTo(current.refunded()) > 0) {
            repositories.outbox().append(new OrderRefunded(id, next.refunded().minus(current.refunded()), now), now);
        }
        return next;
    }
}
