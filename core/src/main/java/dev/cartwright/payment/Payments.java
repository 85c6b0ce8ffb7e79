package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment use cases that need no order: receiving the gateway's asynchronous notifications,
 * recovering payments whose outcome was not recorded, and looking payments up. These are for the shop's
 * staff and integrations (a webhook endpoint, a back-office screen): no call here checks who asks, so a
 * host must not expose them to customers, who reach their payments through
 * {@code Orders.payments(customer, orderId)}. Thread-safe.
 *
 * <p>Checkout drives a payment through three steps, keyed so that repeating any of them is harmless:
 * <ol>
 * <li>in one transaction, {@link Payment#start} and {@link PaymentRepository#insert} a pending
 *     payment, with the idempotency key;</li>
 * <li>with no transaction open, {@link PaymentGateway#authorize} with
 *     {@link AuthorizationRequest#forPayment(Payment, boolean)};</li>
 * <li>in a second transaction, {@link Payment#recordApproval} or {@link Payment#recordDecline} and
 *     {@link #store}, which publishes the change's {@link PaymentEvent}s to the outbox.</li>
 * </ol>
 * After a crash or a {@link PaymentGatewayException}, recovery repeats step 2 with the same key, or
 * asks {@link PaymentGateway#lookup(String)}, and does step 3; {@link #recover} does the latter for a
 * payment alone. Notifications that race these steps
 * are applied by {@link #handleNotification} as totals, moving the payment only forward, so nothing
 * is counted twice.
 *
 * <p>Every change of a payment, here or in the order services, is stored with {@link #store}, so each publishes
 * one {@link PaymentEvent} per log entry in its own transaction: a rolled-back change or a redelivered
 * notification publishes nothing.
 */
public final class Payments {

    private static final Logger LOG = LoggerFactory.getLogger(Payments.class);

    private final UnitOfWork<PaymentRepositories> transactions;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final Runnable afterCommit;

    /**
     * Payments whose events wait in the outbox until something delivers them.
     *
     * @param transactions the transactions to run in
     * @param gateway the payment gateway, or {@code null} if none is configured; then only
     *     {@link #recover} fails
     * @param clock the time source for log entries
     */
    public Payments(UnitOfWork<PaymentRepositories> transactions, PaymentGateway gateway, Clock clock) {
        this(transactions, gateway, clock, () -> { });
    }

    /**
     * @param transactions the transactions to run in
     * @param gateway the payment gateway, or {@code null} if none is configured; then only
     *     {@link #recover} fails
     * @param clock the time source for log entries
     * @param afterCommit run after each call that committed a change, to deliver the events it published
     *     (such as {@link dev.cartwright.event.EventDelivery#deliver()}); its failures are logged, never thrown
     */
    public Payments(UnitOfWork<PaymentRepositories> transactions, PaymentGateway gateway, Clock clock,
            Runnable afterCommit) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.gateway = gateway;
        this.clock = Validate.notNull(clock, "clock");
        this.afterCommit = Validate.notNull(afterCommit, "afterCommit");
    }

    /**
     * Stores a change of a payment and appends its events ({@link Payment#eventsSince}) to the outbox, in
     * the caller's transaction, so that the events exist if and only if the change commits. Every service
     * that changes a payment stores it this way.
     *
     * @param repositories the open transaction's repositories
     * @param earlier the payment as it was read in this transaction
     * @param changed the payment after the change; {@code earlier} itself if nothing changed
     * @return {@code changed}
     * @throws CommerceException {@code VALIDATION} if {@code changed} is not a later version of
     *     {@code earlier}; whatever {@link PaymentRepository#update} throws ({@code CONFLICT} if someone else
     *     changed it since)
     */
    public static Payment store(PaymentRepositories repositories, Payment earlier, Payment changed) {
        Validate.notNull(repositories, "repositories");
        Validate.notNull(earlier, "earlier");
        Validate.notNull(changed, "changed");
        if (changed == earlier) {
            return changed;
        }
        List<PaymentEvent> events = changed.eventsSince(earlier);
        repositories.payments().update(changed, earlier.version());
        for (PaymentEvent event : events) {
            repositories.outbox().append(event, event.occurredAt());
        }
        return changed;
    }

    /**
     * Repairs a payment left {@link PaymentStatus#PENDING} by a crash or an unknown gateway outcome:
     * asks the gateway what became of its idempotency key, with no transaction open, and records the
     * answer in a transaction of its own. Harmless to repeat and to race a notification of the same
     * outcome. A payment that is no longer pending is returned as it is, without asking the gateway.
     *
     * @param id the payment
     * @param capturedImmediately whether its authorization was sent with
     *     {@link AuthorizationRequest#captureImmediately()}, so that an approval means captured too
     * @return the payment: authorized (or captured), declined, or still pending if the gateway never
     *     received the authorization, in which case the caller may send it again with the same key or
     *     {@link Payment#fail} it
     * @throws CommerceException {@code VALIDATION} for {@code null}, {@code NOT_FOUND} if there is no
     *     such payment, {@link PaymentGatewayException} if the gateway cannot be asked (nothing changed)
     * @throws IllegalStateException if no gateway is configured
     */
    public Payment recover(PaymentId id, boolean capturedImmediately) {
        Validate.notNull(id, "id");
        Payment payment = get(id);
        if (payment.status() != PaymentStatus.PENDING) {
            return payment;
        }
        if (gateway == null) {
            throw new IllegalStateException("no payment gateway configured: call Commerce.builder().paymentGateway(...)");
        }
        Optional<GatewayResult> outcome = gateway.lookup(payment.idempotencyKey());
        if (outcome.isEmpty()) {
            return payment;
        }
        return published(transactions.inTransaction(repositories -> {
            Payment current = repositories.payments().findById(id)
                    .orElseThrow(() -> CommerceException.notFound("payment", id));
            GatewayResult result = outcome.get();
            Payment recorded = result instanceof GatewayResult.Approved approved
                    ? current.recordApproval(approved, capturedImmediately, clock.instant())
                    : current.recordDecline((GatewayResult.Declined) result, clock.instant());
            return store(repositories, current, recorded);
        }));
    }

    /**
     * Applies an asynchronous gateway notification (a webhook), once: a notification whose gateway
     * event id was seen before is ignored, and a new one moves the payment only forward (see
     * {@link Payment#catchUp}). Safe to call concurrently with the same notification and with
     * checkout's own recording of the same outcome.
     *
     * @param notification the authenticated, parsed notification
     * @return what was done with it
     * @throws CommerceException {@code VALIDATION} for {@code null} or a notification that does not
     *     match its payment, {@code NOT_FOUND} if no payment has its idempotency key,
     *     {@code INVALID_TRANSITION} if it cannot be applied yet (then it is not recorded, so the
     *     gateway's redelivery is applied later); nothing is changed when it throws
     */
    public NotificationOutcome handleNotification(GatewayNotification notification) {
        Validate.notNull(notification, "notification");
        return published(transactions.inTransaction(repositories -> {
            PaymentRepository payments = repositories.payments();
            Payment payment = payments.findByIdempotencyKey(notification.idempotencyKey())
                    .orElseThrow(() -> CommerceException.notFound("payment with idempotency key",
                            notification.idempotencyKey()));
            Payment advanced = payment.catchUp(notification, clock.instant());
            if (!payments.recordGatewayEvent(payment.id(), notification.gatewayEventId(), clock.instant())) {
                return NotificationOutcome.DUPLICATE;
            }
            if (advanced == payment) {
                LOG.debug("gateway event {} for payment {} needs no change; it is {}",
                        notification.gatewayEventId(), payment.id(), payment.status());
                return NotificationOutcome.NO_CHANGE;
            }
            store(repositories, payment, advanced);
            return NotificationOutcome.APPLIED;
        }));
    }

    /** Offers the events just committed to the listeners; their failures never fail the caller's call. */
    private <T> T published(T result) {
        try {
            afterCommit.run();
        } catch (RuntimeException e) {
            LOG.warn("event delivery failed; the events stay in the outbox for the next attempt", e);
        }
        return result;
    }

    /**
     * @param id the payment's id
     * @return the payment
     * @throws CommerceException {@code VALIDATION} for {@code null}, {@code NOT_FOUND} if there is none
     */
    public Payment get(PaymentId id) {
        Validate.notNull(id, "id");
        return transactions.read(repositories -> repositories.payments().findById(id))
                .orElseThrow(() -> CommerceException.notFound("payment", id));
    }

    /**
     * @param reference what the payments pay, such as an order id, matched exactly
     * @return every payment for it, oldest first; empty if none
     * @throws CommerceException {@code VALIDATION} for a blank reference
     */
    public List<Payment> findByReference(String reference) {
        PaymentChecks.text(reference, "reference");
        return transactions.read(repositories -> repositories.payments().findByReference(reference));
    }
}
