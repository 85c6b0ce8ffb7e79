package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment use cases that need no order: receiving the gateway's asynchronous notifications and
 * looking payments up. Thread-safe.
 *
 * <p>Checkout drives a payment through three steps, keyed so that repeating any of them is harmless:
 * <ol>
 * <li>in one transaction, {@link Payment#start} and {@link PaymentRepository#insert} a pending
 *     payment, with the idempotency key;</li>
 * <li>with no transaction open, {@link PaymentGateway#authorize} with
 *     {@link AuthorizationRequest#forPayment(Payment, boolean)};</li>
 * <li>in a second transaction, {@link Payment#recordApproval} or {@link Payment#recordDecline} and
 *     {@link PaymentRepository#update}.</li>
 * </ol>
 * After a crash or a {@link PaymentGatewayException}, recovery repeats step 2 with the same key, or
 * asks {@link PaymentGateway#lookup(String)}, and does step 3. Notifications that race these steps
 * are applied by {@link #handleNotification} as totals, moving the payment only forward, so nothing
 * is counted twice.
 */
public final class Payments {

    private static final Logger LOG = LoggerFactory.getLogger(Payments.class);

    private final UnitOfWork<PaymentRepositories> transactions;
    private final Clock clock;

    /**
     * @param transactions the transactions to run in
     * @param clock the time source for log entries
     */
    public Payments(UnitOfWork<PaymentRepositories> transactions, Clock clock) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.clock = Validate.notNull(clock, "clock");
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
        return transactions.inTransaction(repositories -> {
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
            payments.update(advanced, payment.version());
            return NotificationOutcome.APPLIED;
        });
    }

    /**
     * @param id the payment's id
     * @return the payment
     * @throws CommerceException {@code VALIDATION} for {@code null}, {@code NOT_FOUND} if there is none
     */
    public Payment get(PaymentId id) {
        Validate.notNull(id, "id");
        return transactions.inTransaction(repositories -> repositories.payments().findById(id))
                .orElseThrow(() -> CommerceException.notFound("payment", id));
    }

    /**
     * @param reference what the payments pay, such as an order id, matched exactly
     * @return every payment for it, oldest first; empty if none
     * @throws CommerceException {@code VALIDATION} for a blank reference
     */
    public List<Payment> findByReference(String reference) {
        PaymentChecks.text(reference, "reference");
        return transactions.inTransaction(repositories -> repositories.payments().findByReference(reference));
    }
}
