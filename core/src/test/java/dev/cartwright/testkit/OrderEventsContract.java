package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.EventListener;
import dev.cartwright.event.RetrySchedule;
import dev.cartwright.money.Money;
import dev.cartwright.order.FulfillmentStatus;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCancelled;
import dev.cartwright.order.OrderFulfilled;
import dev.cartwright.order.OrderPlaced;
import dev.cartwright.order.OrderRefunded;
import dev.cartwright.payment.PaymentAuthorized;
import dev.cartwright.payment.PaymentCaptured;
import dev.cartwright.payment.PaymentFailed;
import dev.cartwright.payment.PaymentRefunded;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Order events go through the store's outbox: appended in the transaction of their change, delivered after
 * commit to every listener, again once the retry schedule's wait after a listener failed has passed, and never
 * for a change that rolled back.
 */
public abstract class OrderEventsContract extends OrderFixtures {

    private final List<CommerceEvent> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile EventListener gate = event -> { };

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder)
                .eventListener(received::add)
                .eventListener(event -> {
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("listener down");
                    }
                })
                .eventListener(event -> gate.onEvent(event));
    }

    @Test
    void aDeliveryAskedForWhileAnotherRunsIsLeftToItWithoutWaiting() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        gate = event -> {
            if (event instanceof OrderPlaced) {
                holding.countDown();
                awaitQuietly(release);
            }
        };
        ExecutorService buyers = Executors.newFixedThreadPool(2);
        try {
            Future<Order> first = buyers.submit(() -> placeDirect(customer, "A", 1, SimulatedPaymentGateway.VISA));
            assertThat(holding.await(30, TimeUnit.SECONDS)).as("the first delivery reached the listener").isTrue();
            gate = event -> { };

            Order second = buyers.submit(() -> placeDirect(customer, "A", 1, SimulatedPaymentGateway.VISA))
                    .get(30, TimeUnit.SECONDS);
            assertThat(received).as("the second order's events wait for the delivery in progress")
                    .noneMatch(event -> event instanceof OrderPlaced placed && placed.orderId().equals(second.id()));

            release.countDown();
            Order firstOrder = first.get(30, TimeUnit.SECONDS);
            assertThat(received).filteredOn(OrderPlaced.class::isInstance)
                    .extracting(event -> ((OrderPlaced) event).orderId())
                    .containsExactly(firstOrder.id(), second.id());
        } finally {
            release.countDown();
            buyers.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void orderLifecycleEventsAreDeliveredAfterCommit() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();

        Order order = placeDirect(customer, "A", 2, SimulatedPaymentGateway.VISA);
        Money total = order.totals().grandTotal();
        assertThat(received).hasSize(2);
        assertThat(received.get(0)).isInstanceOfSatisfying(PaymentAuthorized.class, authorized -> {
            assertThat(authorized.paymentId()).isEqualTo(order.paymentId());
            assertThat(authorized.reference()).isEqualTo(order.id().toString());
            assertThat(authorized.amount()).isEqualTo(total);
        });
        assertThat(received.get(1)).isInstanceOfSatisfying(OrderPlaced.class, placed -> {
            assertThat(placed.orderId()).isEqualTo(order.id());
            assertThat(placed.customerId()).contains(customer);
            assertThat(placed.grandTotal()).isEqualTo(total);
        });

        commerce.backOffice().capture("a", order.id(), Optional.empty());
        commerce.backOffice().fulfil("a", order.id(), Map.of(Sku.of("A"), 2L), "DHL", "T1");
        commerce.backOffice().refund("a", order.id(), eur("1.00"), Map.of());

        assertThat(received).hasSize(6);
        assertThat(received.get(2)).isEqualTo(new PaymentCaptured(order.paymentId(), order.id().toString(), total,
                total, clock.instant()));
        assertThat(received.get(3)).isInstanceOfSatisfying(OrderFulfilled.class, fulfilled -> {
            assertThat(fulfilled.orderId()).isEqualTo(order.id());
            assertThat(fulfilled.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FULFILLED);
        });
        assertThat(received.get(4)).isEqualTo(new PaymentRefunded(order.paymentId(), order.id().toString(),
                eur("1.00"), eur("1.00"), clock.instant()));
        assertThat(received.get(5)).isEqualTo(new OrderRefunded(order.id(), eur("1.00"), clock.instant()));
        assertThat(commerce.deliverEvents()).isZero();
    }

    @Test
    void expiryPublishesACancellationAndARolledBackCheckoutNothing() {
        givenStockedProduct("A", "10.00", 1);
        Order declined = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.DECLINE);
        assertThat(received).singleElement().isEqualTo(new PaymentFailed(declined.paymentId(),
                declined.id().toString(), PaymentStatus.DECLINED, "DECLINED", clock.instant()));
        received.clear();
        assertThatThrownBy(() -> placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA))
                .hasMessageContaining("insufficient");
        assertThat(received).isEmpty();
        assertThat(commerce.deliverEvents()).isZero();

        clock.advance(PAYMENT_TIMEOUT);
        commerce.checkout().expireUnpaid();

        assertThat(received).singleElement().isInstanceOfSatisfying(OrderCancelled.class, cancelled -> {
            assertThat(cancelled.orderId()).isEqualTo(declined.id());
            assertThat(cancelled.actor()).isEqualTo("system");
        });
    }

    @Test
    void aFailedDeliveryIsRepeatedUntilEveryListenerTookIt() {
        givenStockedProduct("A", "10.00", 5);
        failuresLeft.set(2);

        Order order = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);
        assertThat(received).hasSize(2);

        clock.advance(RetrySchedule.DEFAULT.delayAfter(1));
        assertThat(commerce.deliverEvents()).isEqualTo(2);
        assertThat(received).hasSize(4);
        assertThat(received.subList(2, 4)).isEqualTo(received.subList(0, 2));
        assertThat(received.get(1)).isInstanceOfSatisfying(OrderPlaced.class,
                placed -> assertThat(placed.orderId()).isEqualTo(order.id()));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(received).hasSize(4);
    }

    @Test
    void aListenerThatKeepsFailingGetsTheSameEventAgainAndTheOthersStillGetIt() {
        givenStockedProduct("A", "10.00", 5);
        failuresLeft.set(Integer.MAX_VALUE);

        placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);
        List<CommerceEvent> first = List.copyOf(received);
        assertThat(first).hasSize(2);

        clock.advance(RetrySchedule.DEFAULT.delayAfter(1));
        assertThat(commerce.deliverEvents()).isZero();
        clock.advance(RetrySchedule.DEFAULT.delayAfter(2));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(received).hasSize(6);
        assertThat(received.subList(2, 4)).isEqualTo(first);
        assertThat(received.subList(4, 6)).isEqualTo(first);

        failuresLeft.set(0);
        clock.advance(RetrySchedule.DEFAULT.delayAfter(3));
        assertThat(commerce.deliverEvents()).isEqualTo(2);
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(received).hasSize(8);
    }
}
