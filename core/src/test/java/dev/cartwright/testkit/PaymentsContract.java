package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.payment.AuthorizationRequest;
import dev.cartwright.payment.DeclineReason;
import dev.cartwright.payment.GatewayNotification;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.GatewayTimeoutException;
import dev.cartwright.payment.NotificationOutcome;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentLogEntry;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.Payments;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link dev.cartwright.payment.Payments} and of the store's payment repository,
 * which every store must show: notifications counted once however often and however concurrently
 * they arrive, optimistic versions, unique idempotency keys, and no trace of a failed transaction.
 */
public abstract class PaymentsContract extends StoreContract {

    private static final Money HUNDRED = Money.of("100.00", "EUR");
    private static final PaymentMethod VISA = PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242");

    protected SimulatedPaymentGateway gateway;

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        gateway = new SimulatedPaymentGateway();
        return super.configure(builder).paymentGateway(gateway);
    }

    private Payment startPayment(String reference, String idempotencyKey, PaymentMethod method) {
        Payment payment = Payment.start(new PaymentId(UUID.randomUUID()), reference, HUNDRED, method, idempotencyKey,
                clock.instant());
        store.inTransaction(transaction -> {
            transaction.payments().insert(payment);
            return null;
        });
        return payment;
    }

    private Payment startPayment(String idempotencyKey) {
        return startPayment("order-1", idempotencyKey, VISA);
    }

    private static GatewayNotification notification(String eventId, String idempotencyKey,
            GatewayNotification.Type type, Money total) {
        return new GatewayNotification(eventId, idempotencyKey, "gw-1", type, total, null,
                START.plusSeconds(1));
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CommerceException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aStartedPaymentIsFoundByIdReferenceAndKey() {
        Payment payment = startPayment("key-1");

        assertThat(commerce.payments().get(payment.id())).isEqualTo(payment);
        assertThat(commerce.payments().findByReference("order-1")).containsExactly(payment);
        Optional<Payment> byKey = store.inTransaction(transaction -> transaction.payments().findByIdempotencyKey("key-1"));
        assertThat(byKey).contains(payment);
        assertThat(commerce.payments().findByReference("order-2")).isEmpty();
    }

    @Test
    void paymentsForOneReferenceAreListedOldestFirst() {
        Payment declined = startPayment("order-7", "key-1", PaymentMethod.of(SimulatedPaymentGateway.DECLINE, "visa", "0002"));
        clock.advance(Duration.ofMinutes(1));
        Payment retry = startPayment("order-7", "key-2", VISA);

        assertThat(commerce.payments().findByReference("order-7")).extracting(Payment::id)
                .containsExactly(declined.id(), retry.id());
    }

    @Test
    void anUnknownPaymentIsNotFound() {
        assertCode(() -> commerce.payments().get(new PaymentId(UUID.randomUUID())), ErrorCode.NOT_FOUND);
        assertCode(() -> commerce.payments().handleNotification(
                notification("evt-1", "no-such-key", GatewayNotification.Type.AUTHORIZED, HUNDRED)), ErrorCode.NOT_FOUND);
        assertCode(() -> commerce.payments().get(null), ErrorCode.VALIDATION);
        assertCode(() -> commerce.payments().findByReference(" "), ErrorCode.VALIDATION);
    }

    @Test
    void anIdempotencyKeyBelongsToOnePayment() {
        startPayment("key-1");

        assertCode(() -> startPayment("key-1"), ErrorCode.CONFLICT);
        assertThat(commerce.payments().findByReference("order-1")).hasSize(1);
    }

    @Test
    void aNotificationDeliveredTwiceIsCountedOnce() {
        Payment payment = startPayment("key-1");
        GatewayNotification authorized = notification("evt-1", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED);

        assertThat(commerce.payments().handleNotification(authorized)).isEqualTo(NotificationOutcome.APPLIED);
        assertThat(commerce.payments().handleNotification(authorized)).isEqualTo(NotificationOutcome.DUPLICATE);

        Payment stored = commerce.payments().get(payment.id());
        assertThat(stored.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(stored.authorized()).isEqualTo(HUNDRED);
        assertThat(stored.gatewayPaymentId()).isEqualTo("gw-1");
        assertThat(stored.log()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(PaymentLogEntry.Kind.AUTHORIZED);
            assertThat(entry.gatewayEventId()).isEqualTo("evt-1");
            assertThat(entry.at()).isEqualTo(START);
        });
        assertThat(stored.version()).isEqualTo(payment.version() + 1);
    }

    @Test
    void captureNotificationsAreTotalsSoNewEventsForOldFactsAddNothing() {
        Payment payment = startPayment("key-1");
        commerce.payments().handleNotification(notification("evt-1", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED));

        assertThat(commerce.payments().handleNotification(
                notification("evt-2", "key-1", GatewayNotification.Type.CAPTURED, Money.of("30.00", "EUR"))))
                .isEqualTo(NotificationOutcome.APPLIED);
        assertThat(commerce.payments().handleNotification(
                notification("evt-3", "key-1", GatewayNotification.Type.CAPTURED, Money.of("30.00", "EUR"))))
                .isEqualTo(NotificationOutcome.NO_CHANGE);
        assertThat(commerce.payments().handleNotification(
                notification("evt-4", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED)))
                .isEqualTo(NotificationOutcome.NO_CHANGE);
        assertThat(commerce.payments().handleNotification(
                notification("evt-5", "key-1", GatewayNotification.Type.CAPTURED, HUNDRED)))
                .isEqualTo(NotificationOutcome.APPLIED);

        Payment stored = commerce.payments().get(payment.id());
        assertThat(stored.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(stored.authorized()).isEqualTo(HUNDRED);
        assertThat(stored.captured()).isEqualTo(HUNDRED);
        assertThat(stored.log()).extracting(PaymentLogEntry::amount).containsExactly(
                HUNDRED, Money.of("30.00", "EUR"), Money.of("70.00", "EUR"));
        assertThat(commerce.payments().handleNotification(
                notification("evt-3", "key-1", GatewayNotification.Type.CAPTURED, HUNDRED)))
                .isEqualTo(NotificationOutcome.DUPLICATE);
    }

    @Test
    void aDeclineNotificationDeclinesAPendingPaymentOnly() {
        Payment payment = startPayment("key-1");
        GatewayNotification declined = new GatewayNotification("evt-1", "key-1", "gw-1",
                GatewayNotification.Type.DECLINED, Money.zero(HUNDRED.currency()), DeclineReason.INSUFFICIENT_FUNDS,
                START);

        assertThat(commerce.payments().handleNotification(declined)).isEqualTo(NotificationOutcome.APPLIED);

        Payment stored = commerce.payments().get(payment.id());
        assertThat(stored.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(stored.log().get(0).detail()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(commerce.payments().handleNotification(
                notification("evt-2", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED)))
                .isEqualTo(NotificationOutcome.NO_CHANGE);
        assertThat(commerce.payments().get(payment.id())).isEqualTo(stored);
    }

    @Test
    void aVoidNotificationVoidsAnAuthorizationAndAgainChangesNothing() {
        Payment payment = startPayment("key-1");
        commerce.payments().handleNotification(notification("evt-1", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED));
        GatewayNotification voided = notification("evt-2", "key-1", GatewayNotification.Type.VOIDED,
                Money.zero(HUNDRED.currency()));

        assertThat(commerce.payments().handleNotification(voided)).isEqualTo(NotificationOutcome.APPLIED);
        Payment stored = commerce.payments().get(payment.id());
        assertThat(stored.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(stored.log()).extracting(PaymentLogEntry::kind)
                .containsExactly(PaymentLogEntry.Kind.AUTHORIZED, PaymentLogEntry.Kind.VOIDED);

        assertThat(commerce.payments().handleNotification(voided)).isEqualTo(NotificationOutcome.DUPLICATE);
        // Gateways also resend a fact under a new event id: for a voided payment that is no change, not an error.
        assertThat(commerce.payments().handleNotification(
                notification("evt-3", "key-1", GatewayNotification.Type.VOIDED, Money.zero(HUNDRED.currency()))))
                .isEqualTo(NotificationOutcome.NO_CHANGE);
        assertThat(commerce.payments().get(payment.id())).isEqualTo(stored);
    }

    @Test
    void aNotificationThatCannotApplyYetIsNotRecordedSoItsRedeliveryApplies() {
        Payment payment = startPayment("key-1");
        GatewayNotification captured = notification("evt-2", "key-1", GatewayNotification.Type.CAPTURED, HUNDRED);

        assertCode(() -> commerce.payments().handleNotification(captured), ErrorCode.INVALID_TRANSITION);
        assertThat(commerce.payments().get(payment.id())).isEqualTo(payment);

        commerce.payments().handleNotification(notification("evt-1", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED));
        assertThat(commerce.payments().handleNotification(captured)).isEqualTo(NotificationOutcome.APPLIED);
        assertThat(commerce.payments().get(payment.id()).status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void theSameNotificationFromSixteenThreadsIsCountedOnce() throws Exception {
        Payment payment = startPayment("key-1");
        commerce.payments().handleNotification(notification("evt-1", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED));
        GatewayNotification captured = notification("evt-2", "key-1", GatewayNotification.Type.CAPTURED,
                Money.of("40.00", "EUR"));

        List<NotificationOutcome> outcomes = concurrently(16, () -> commerce.payments().handleNotification(captured));

        Map<NotificationOutcome, Long> counts = outcomes.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                Map.of(NotificationOutcome.APPLIED, 1L, NotificationOutcome.DUPLICATE, 15L));
        Payment stored = commerce.payments().get(payment.id());
        assertThat(stored.captured()).isEqualTo(Money.of("40.00", "EUR"));
        assertThat(stored.log()).hasSize(2);
        assertThat(stored.version()).isEqualTo(payment.version() + 2);
    }

    @Test
    void distinctNotificationsOfOneFactFromSixteenThreadsAddItOnce() throws Exception {
        Payment payment = startPayment("key-1");
        commerce.payments().handleNotification(notification("evt-0", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED));
        AtomicInteger next = new AtomicInteger();

        List<NotificationOutcome> outcomes = concurrently(16, () -> commerce.payments().handleNotification(
                notification("evt-" + next.incrementAndGet(), "key-1", GatewayNotification.Type.CAPTURED, HUNDRED)));

        assertThat(outcomes).containsOnlyOnce(NotificationOutcome.APPLIED);
        assertThat(outcomes).filteredOn(outcome -> outcome == NotificationOutcome.NO_CHANGE).hasSize(15);
        assertThat(commerce.payments().get(payment.id()).captured()).isEqualTo(HUNDRED);
    }

    @Test
    void aStaleUpdateConflictsAndChangesNothing() {
        Payment payment = startPayment("key-1");
        Payment authorized = payment.authorize("gw-1", HUNDRED, null, clock.instant());
        store.inTransaction(transaction -> {
            transaction.payments().update(authorized, payment.version());
            return null;
        });
        Payment declined = payment.decline(DeclineReason.DECLINED, null, clock.instant());

        assertCode(() -> store.inTransaction(transaction -> {
            transaction.payments().update(declined, payment.version());
            return null;
        }), ErrorCode.CONFLICT);
        assertThat(commerce.payments().get(payment.id())).isEqualTo(authorized);
    }

    @Test
    void updatingAPaymentThatWasNeverInsertedIsNotFound() {
        Payment never = Payment.start(new PaymentId(UUID.randomUUID()), "order-1", HUNDRED, VISA, "key-9", clock.instant());
        Payment authorized = never.authorize("gw-1", HUNDRED, null, clock.instant());

        assertCode(() -> store.inTransaction(transaction -> {
            transaction.payments().update(authorized, never.version());
            return null;
        }), ErrorCode.NOT_FOUND);
    }

    @Test
    void aGatewayEventIdIsRecordedOnce() {
        Payment payment = startPayment("key-1");

        assertThat(recordGatewayEvent(payment, "evt-1")).isTrue();
        assertThat(recordGatewayEvent(payment, "evt-1")).isFalse();
        assertThat(recordGatewayEvent(payment, "evt-2")).isTrue();
    }

    @Test
    void aFailedTransactionLeavesNoPaymentAndNoEventBehind() {
        Payment payment = Payment.start(new PaymentId(UUID.randomUUID()), "order-1", HUNDRED, VISA, "key-1",
                clock.instant());

        assertThatThrownBy(() -> store.inTransaction(transaction -> {
            transaction.payments().insert(payment);
            transaction.payments().recordGatewayEvent(payment.id(), "evt-1", clock.instant());
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(commerce.payments().findByReference("order-1")).isEmpty();
        Payment again = startPayment("key-1");
        assertThat(recordGatewayEvent(again, "evt-1")).isTrue();
    }

    @Test
    void aTimedOutAuthorizationIsRecoveredByItsKeyAndChargedOnce() {
        Payment payment = startPayment("order-1", "key-1",
                PaymentMethod.of(SimulatedPaymentGateway.TIMEOUT_THEN_OK, "visa", "4242"));
        AuthorizationRequest request = AuthorizationRequest.forPayment(payment, true);

        assertThatThrownBy(() -> commerce.paymentGateway().authorize(request))
                .isInstanceOf(GatewayTimeoutException.class);
        GatewayResult.Approved recovered = (GatewayResult.Approved) commerce.paymentGateway().lookup("key-1").orElseThrow();
        GatewayResult.Approved retried = (GatewayResult.Approved) commerce.paymentGateway().authorize(request);
        assertThat(retried).isEqualTo(recovered);
        commerce.payments().handleNotification(new GatewayNotification("evt-1", "key-1", retried.gatewayPaymentId(),
                GatewayNotification.Type.AUTHORIZED, HUNDRED, null, START));
        store.inTransaction(transaction -> {
            Payment current = transaction.payments().findById(payment.id()).orElseThrow();
            transaction.payments().update(current.recordApproval(retried, true, clock.instant()), current.version());
            return null;
        });
        store.inTransaction(transaction -> {
            Payment current = transaction.payments().findById(payment.id()).orElseThrow();
            Payment same = current.recordApproval(recovered, true, clock.instant());
            assertThat(same).isSameAs(current);
            return null;
        });

        Payment stored = commerce.payments().get(payment.id());
        assertThat(stored.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(stored.authorized()).isEqualTo(HUNDRED);
        assertThat(stored.captured()).isEqualTo(HUNDRED);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(gateway.captureCount()).isEqualTo(1);
    }

    @Test
    void recoveryAfterACrashLearnsTheOutcomeByKeyAndChargesOnce() {
        Payment payment = startPayment("order-1", "key-1",
                PaymentMethod.of(SimulatedPaymentGateway.TIMEOUT_THEN_OK, "visa", "4242"));
        assertThatThrownBy(() -> gateway.authorize(AuthorizationRequest.forPayment(payment, false)))
                .isInstanceOf(GatewayTimeoutException.class);

        Payment recovered = commerce.payments().recover(payment.id(), false);
        Payment again = commerce.payments().recover(payment.id(), false);

        assertThat(recovered.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(recovered.authorized()).isEqualTo(HUNDRED);
        assertThat(recovered.gatewayPaymentId()).isEqualTo("sim_pay_1");
        assertThat(again).isEqualTo(recovered);
        assertThat(commerce.payments().get(payment.id())).isEqualTo(recovered);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    @Test
    void recoveryRecordsADeclineAndLeavesAPaymentTheGatewayNeverSawPending() {
        Payment declined = startPayment("order-1", "key-1",
                PaymentMethod.of(SimulatedPaymentGateway.DECLINE, "visa", "0002"));
        gateway.authorize(AuthorizationRequest.forPayment(declined, true));
        Payment unseen = startPayment("order-2", "key-2", VISA);

        assertThat(commerce.payments().recover(declined.id(), true).status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(commerce.payments().recover(unseen.id(), true)).isEqualTo(unseen);
        assertThat(commerce.payments().get(unseen.id())).isEqualTo(unseen);
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void recoveryOfACapturedImmediatelyPaymentRecordsTheCapture() {
        Payment payment = startPayment("key-1");
        gateway.authorize(AuthorizationRequest.forPayment(payment, true));

        Payment recovered = commerce.payments().recover(payment.id(), true);

        assertThat(recovered.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(recovered.captured()).isEqualTo(HUNDRED);
        assertThat(gateway.captureCount()).isEqualTo(1);
    }

    @Test
    void recoveringAPaymentThatIsNoLongerPendingAsksNoGateway() {
        Commerce withoutGateway = Commerce.builder().store(store).clock(clock).build();
        Payment payment = startPayment("key-1");
        commerce.payments().handleNotification(notification("evt-1", "key-1", GatewayNotification.Type.AUTHORIZED, HUNDRED));
        Payment authorized = commerce.payments().get(payment.id());

        assertThat(withoutGateway.payments().recover(payment.id(), true)).isEqualTo(authorized);
        assertThat(commerce.payments().get(payment.id())).isEqualTo(authorized);
    }

    @Test
    void storingAnUnchangedPaymentWritesNothing() {
        Payment payment = startPayment("key-1");

        Payment stored = store.inTransaction(transaction -> Payments.store(transaction, payment, payment));

        assertThat(stored).isSameAs(payment);
        assertThat(commerce.payments().get(payment.id())).isEqualTo(payment);
    }

    @Test
    void withoutAGatewayPaymentOperationsFailClearly() {
        Commerce withoutGateway = Commerce.builder().store(store).clock(clock).build();

        assertThatThrownBy(withoutGateway::paymentGateway)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("paymentGateway");
        Payment payment = startPayment("key-1");
        assertThatThrownBy(() -> withoutGateway.payments().recover(payment.id(), false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(withoutGateway.payments().findByReference("order-1")).containsExactly(payment);
    }

    private boolean recordGatewayEvent(Payment payment, String gatewayEventId) {
        return store.inTransaction(transaction ->
                transaction.payments().recordGatewayEvent(payment.id(), gatewayEventId, clock.instant()));
    }

    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
