package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.money.Money;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCancelled;
import dev.cartwright.order.OrderEvent;
import dev.cartwright.order.OrderPlaced;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.GatewayNotification;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.NotificationOutcome;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentAuthorized;
import dev.cartwright.payment.PaymentCaptured;
import dev.cartwright.payment.PaymentEvent;
import dev.cartwright.payment.PaymentFailed;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentLogEntry;
import dev.cartwright.payment.PaymentRefunded;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.PaymentVoided;
import dev.cartwright.payment.Payments;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Payment events go through the outbox with every payment change, whichever path made it (checkout, retry,
 * recovery, expiry, staff, a gateway webhook): one event per change, none for a duplicate notification or a
 * rolled-back transaction, and a webhook racing checkout's own recording counts the authorization once.
 */
public abstract class PaymentEventsContract extends OrderFixtures {

    private static final int WEBHOOK_THREADS = 4;

    private final List<CommerceEvent> received = new CopyOnWriteArrayList<>();
    /** Lets a test act inside the gateway's authorize, after the simulator answered and before checkout records it. */
    private InterceptingGateway interceptor;

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        Commerce.Builder configured = super.configure(builder).eventListener(received::add);
        interceptor = new InterceptingGateway(gateway);
        return configured.paymentGateway(interceptor);
    }

    private List<PaymentEvent> paymentEvents() {
        return received.stream().filter(PaymentEvent.class::isInstance).map(PaymentEvent.class::cast).toList();
    }

    private List<OrderEvent> orderEvents() {
        return received.stream().filter(OrderEvent.class::isInstance).map(OrderEvent.class::cast).toList();
    }

    private Payment startPayment(String idempotencyKey, Money amount) {
        Payment payment = Payment.start(new PaymentId(UUID.randomUUID()), "ref-" + idempotencyKey, amount,
                card(SimulatedPaymentGateway.VISA), idempotencyKey, clock.instant());
        store.inTransaction(transaction -> {
            transaction.payments().insert(payment);
            return null;
        });
        return payment;
    }

    private GatewayNotification notification(String eventId, Payment payment, GatewayNotification.Type type,
            Money total) {
        return new GatewayNotification(eventId, payment.idempotencyKey(), "gw-" + payment.idempotencyKey(), type,
                total, null, clock.instant());
    }

    @Test
    void anAuthorizationWebhookRacingCheckoutIsCountedOnceAndPublishedOnce() throws Exception {
        givenStockedProduct("A", "10.00", 1_000);
        ExecutorService webhooks = Executors.newFixedThreadPool(WEBHOOK_THREADS);
        try {
            for (int round = 0; round < 12; round++) {
                received.clear();
                List<Future<NotificationOutcome>> deliveries = new CopyOnWriteArrayList<>();
                List<GatewayNotification> sent = new CopyOnWriteArrayList<>();
                boolean webhookFirst = round % 3 == 0;
                interceptor.afterAuthorize((request, result) -> {
                    GatewayResult.Approved approved = (GatewayResult.Approved) result;
                    GatewayNotification authorized = new GatewayNotification("evt-auth-" + request.idempotencyKey(),
                            request.idempotencyKey(), approved.gatewayPaymentId(), GatewayNotification.Type.AUTHORIZED,
                            approved.amount(), null, clock.instant());
                    sent.add(authorized);
                    CountDownLatch running = new CountDownLatch(WEBHOOK_THREADS);
                    for (int i = 0; i < WEBHOOK_THREADS; i++) {
                        deliveries.add(webhooks.submit(() -> {
                            running.countDown();
                            running.await();
                            return commerce.payments().handleNotification(authorized);
                        }));
                    }
                    await(running);
                    if (webhookFirst) {
                        deliveries.forEach(PaymentEventsContract::await);
                    }
                });

                Order order = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);
                interceptor.afterAuthorize((request, result) -> { });
                List<NotificationOutcome> outcomes = new ArrayList<>();
                for (Future<NotificationOutcome> delivery : deliveries) {
                    outcomes.add(delivery.get(30, TimeUnit.SECONDS));
                }
                outcomes.add(commerce.payments().handleNotification(sent.get(0)));

                Money total = order.totals().grandTotal();
                Payment payment = paymentOf(order);
                assertThat(outcomes).as("round %d: %s", round, outcomes)
                        .filteredOn(outcome -> outcome != NotificationOutcome.DUPLICATE).hasSize(1);
                if (webhookFirst) {
                    assertThat(outcomes).contains(NotificationOutcome.APPLIED);
                }
                assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
                assertThat(payment.authorized()).isEqualTo(total);
                assertThat(payment.log()).singleElement()
                        .satisfies(entry -> assertThat(entry.kind()).isEqualTo(PaymentLogEntry.Kind.AUTHORIZED));
                assertThat(commerce.backOffice().get(order.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
                commerce.deliverEvents();
                assertThat(paymentEvents()).as("round %d", round).singleElement()
                        .isInstanceOfSatisfying(PaymentAuthorized.class, authorized -> {
                            assertThat(authorized.paymentId()).isEqualTo(payment.id());
                            assertThat(authorized.amount()).isEqualTo(total);
                        });
                assertThat(orderEvents()).singleElement().isInstanceOf(OrderPlaced.class);
            }
        } finally {
            webhooks.shutdownNow();
        }
        assertThat(gateway.authorizationCount()).isEqualTo(12);
    }

    @Test
    void eachWebhookThatMovesAPaymentPublishesOneEventAndRedeliveriesNone() {
        Money hundred = eur("100.00");
        Payment payment = startPayment("key-1", hundred);
        GatewayNotification authorized = notification("evt-1", payment, GatewayNotification.Type.AUTHORIZED, hundred);
        GatewayNotification captured = notification("evt-2", payment, GatewayNotification.Type.CAPTURED, eur("30.00"));
        GatewayNotification capturedAgain = notification("evt-3", payment, GatewayNotification.Type.CAPTURED,
                eur("30.00"));
        GatewayNotification refunded = notification("evt-4", payment, GatewayNotification.Type.REFUNDED, eur("10.00"));

        assertThat(commerce.payments().handleNotification(authorized)).isEqualTo(NotificationOutcome.APPLIED);
        assertThat(commerce.payments().handleNotification(authorized)).isEqualTo(NotificationOutcome.DUPLICATE);
        assertThat(commerce.payments().handleNotification(captured)).isEqualTo(NotificationOutcome.APPLIED);
        assertThat(commerce.payments().handleNotification(captured)).isEqualTo(NotificationOutcome.DUPLICATE);
        assertThat(commerce.payments().handleNotification(capturedAgain)).isEqualTo(NotificationOutcome.NO_CHANGE);
        assertThat(commerce.payments().handleNotification(refunded)).isEqualTo(NotificationOutcome.APPLIED);
        assertThat(commerce.payments().handleNotification(refunded)).isEqualTo(NotificationOutcome.DUPLICATE);

        String reference = payment.reference();
        assertThat(received).containsExactly(
                new PaymentAuthorized(payment.id(), reference, hundred, START),
                new PaymentCaptured(payment.id(), reference, eur("30.00"), eur("30.00"), START),
                new PaymentRefunded(payment.id(), reference, eur("10.00"), eur("10.00"), START));
        assertThat(commerce.deliverEvents()).isZero();
    }

    @Test
    void aVoidOrDeclineWebhookPublishesItsEvent() {
        Money hundred = eur("100.00");
        Payment voided = startPayment("key-1", hundred);
        Payment declined = startPayment("key-2", hundred);
        commerce.payments().handleNotification(notification("evt-1", voided, GatewayNotification.Type.AUTHORIZED,
                hundred));
        commerce.payments().handleNotification(notification("evt-2", voided, GatewayNotification.Type.VOIDED,
                Money.zero(EUR)));
        commerce.payments().handleNotification(new GatewayNotification("evt-3", "key-2", "gw-key-2",
                GatewayNotification.Type.DECLINED, Money.zero(EUR),
                dev.cartwright.payment.DeclineReason.INSUFFICIENT_FUNDS, START));

        assertThat(received).containsExactly(
                new PaymentAuthorized(voided.id(), voided.reference(), hundred, START),
                new PaymentVoided(voided.id(), voided.reference(), START),
                new PaymentFailed(declined.id(), declined.reference(), PaymentStatus.DECLINED, "INSUFFICIENT_FUNDS",
                        START));
    }

    @Test
    void aRolledBackPaymentChangePublishesNothing() {
        Money hundred = eur("100.00");
        Payment payment = startPayment("key-1", hundred);

        assertFails(() -> commerce.payments().handleNotification(notification("evt-1", payment,
                GatewayNotification.Type.CAPTURED, hundred)), ErrorCode.INVALID_TRANSITION, null);
        assertThatThrownBy(() -> store.inTransaction(transaction -> {
            Payment current = transaction.payments().findById(payment.id()).orElseThrow();
            Payments.store(transaction, current, current.authorize("gw-1", hundred, null, clock.instant()));
            throw new IllegalStateException("rolled back after the change");
        })).hasMessageContaining("rolled back");

        assertThat(commerce.deliverEvents()).isZero();
        assertThat(received).isEmpty();
        assertThat(commerce.payments().get(payment.id())).isEqualTo(payment);
    }

    @Test
    void aDeclineThenARetryWithAnotherCardPublishesTheFailureThenTheAuthorization() {
        givenStockedProduct("A", "10.00", 1_000);
        Order declined = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.INSUFFICIENT_FUNDS);
        Order paid = payAgain(declined, card(SimulatedPaymentGateway.VISA), "retry-1");
        payAgain(declined, card(SimulatedPaymentGateway.VISA), "retry-1");

        String reference = declined.id().toString();
        assertThat(received).containsExactly(
                new PaymentFailed(declined.paymentId(), reference, PaymentStatus.DECLINED, "INSUFFICIENT_FUNDS",
                        START),
                new PaymentAuthorized(paid.paymentId(), reference, paid.totals().grandTotal(), START),
                new OrderPlaced(paid.id(), paid.customerId(), paid.totals().grandTotal(), START));
    }

    @Test
    void recoveryPublishesTheAuthorizationItLearnsOfOnce() {
        givenStockedProduct("A", "10.00", 1_000);
        CustomerId customer = newCustomer();
        assertFails(() -> placeDirect(customer, "A", 1, SimulatedPaymentGateway.TIMEOUT_THEN_OK),
                ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        Order pending = commerce.orders().list(customer, Optional.empty(), 1).get(0);
        assertThat(received).isEmpty();

        Payment recovered = commerce.payments().recover(pending.paymentId(), false);
        commerce.payments().recover(pending.paymentId(), false);
        assertThat(commerce.checkout().recover()).isEqualTo(1);

        Money total = pending.totals().grandTotal();
        assertThat(recovered.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(received).containsExactly(
                new PaymentAuthorized(pending.paymentId(), pending.id().toString(), total, START),
                new OrderPlaced(pending.id(), Optional.of(customer), total, START));
    }

    @Test
    void expiryOfAnOrderTheGatewayNeverSawPublishesTheFailedPaymentAndTheCancellation() {
        givenStockedProduct("A", "10.00", 1_000);
        CustomerId customer = newCustomer();
        assertFails(() -> placeDirect(customer, "A", 1, SimulatedPaymentGateway.FAIL),
                ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        Order pending = commerce.orders().list(customer, Optional.empty(), 1).get(0);

        clock.advance(PAYMENT_TIMEOUT);
        assertThat(commerce.checkout().expireUnpaid()).isEqualTo(1);

        assertThat(received).hasSize(2);
        assertThat(received.get(0)).isInstanceOfSatisfying(PaymentFailed.class, failed -> {
            assertThat(failed.paymentId()).isEqualTo(pending.paymentId());
            assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(failed.occurredAt()).isEqualTo(clock.instant());
        });
        assertThat(received.get(1)).isEqualTo(new OrderCancelled(pending.id(), "system", clock.instant()));
    }

    @Test
    void cancellingAPaidOrderPublishesTheVoidOrRefundWithTheCancellation() {
        givenStockedProduct("A", "10.00", 1_000);
        CustomerId customer = newCustomer();
        Order authorized = placeDirect(customer, "A", 1, SimulatedPaymentGateway.VISA);
        Order captured = placeDirect(customer, "A", 1, SimulatedPaymentGateway.VISA);
        commerce.backOffice().capture("ann", captured.id(), Optional.empty());
        received.clear();

        commerce.orders().cancel(customer, authorized.id());
        commerce.backOffice().cancel("ann", captured.id());

        Money total = captured.totals().grandTotal();
        assertThat(received).containsExactly(
                new PaymentVoided(authorized.paymentId(), authorized.id().toString(), START),
                new OrderCancelled(authorized.id(), "customer:" + customer, START),
                new PaymentRefunded(captured.paymentId(), captured.id().toString(), total, total, START),
                new dev.cartwright.order.OrderRefunded(captured.id(), total, START),
                new OrderCancelled(captured.id(), "staff:ann", START));
    }

    @Test
    void captureAtCheckoutPublishesTheAuthorizationAndTheCapture() {
        Commerce capturing = configure(Commerce.builder().store(store).clock(clock)).captureOnCheckout(true).build();
        commerce = capturing;
        givenStockedProduct("A", "10.00", 1_000);

        Order order = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);

        Money total = order.totals().grandTotal();
        String reference = order.id().toString();
        assertThat(received).containsExactly(
                new PaymentAuthorized(order.paymentId(), reference, total, START),
                new PaymentCaptured(order.paymentId(), reference, total, total, START),
                new OrderPlaced(order.id(), order.customerId(), total, START));
    }

    @Test
    void anAuthorizationWebhookAheadOfACaptureAtCheckoutStillLeavesThePaymentCaptured() {
        commerce = configure(Commerce.builder().store(store).clock(clock)).captureOnCheckout(true).build();
        givenStockedProduct("A", "10.00", 1_000);
        List<NotificationOutcome> outcomes = new CopyOnWriteArrayList<>();
        interceptor.afterAuthorize((request, result) -> {
            GatewayResult.Approved approved = (GatewayResult.Approved) result;
            GatewayNotification authorized = new GatewayNotification("evt-auth", request.idempotencyKey(),
                    approved.gatewayPaymentId(), GatewayNotification.Type.AUTHORIZED, approved.amount(), null,
                    clock.instant());
            outcomes.add(commerce.payments().handleNotification(authorized));
            outcomes.add(commerce.payments().handleNotification(authorized));
        });

        Order order = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);

        Money total = order.totals().grandTotal();
        Payment payment = paymentOf(order);
        assertThat(outcomes).containsExactly(NotificationOutcome.APPLIED, NotificationOutcome.DUPLICATE);
        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.authorized()).isEqualTo(total);
        assertThat(payment.captured()).isEqualTo(total);
        assertThat(payment.log()).extracting(PaymentLogEntry::kind)
                .containsExactly(PaymentLogEntry.Kind.AUTHORIZED, PaymentLogEntry.Kind.CAPTURED);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        String reference = order.id().toString();
        assertThat(received).containsExactly(
                new PaymentAuthorized(order.paymentId(), reference, total, START),
                new PaymentCaptured(order.paymentId(), reference, total, total, START),
                new OrderPlaced(order.id(), order.customerId(), total, START));
    }

    private static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code,
            String field) {
        Contracts.assertFails(call, code, field);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
