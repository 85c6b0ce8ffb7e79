package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.order.FulfillmentStatus;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.order.OrderTransition;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link dev.cartwright.order.Orders} and {@link dev.cartwright.order.BackOffice} over any
 * store: customers see and cancel only their own orders, staff capture, ship, deliver and refund, every
 * change lands in the history, and no sequence of operations breaks the money invariants.
 */
public abstract class OrdersContract extends OrderFixtures {

    private static final String VISA = SimulatedPaymentGateway.VISA;
    private static final Sku A = Sku.of("A");

    @Test
    void anotherCustomersOrderIsForbiddenAndUnchanged() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId owner = newCustomer();
        CustomerId stranger = newCustomer();
        Order order = placeDirect(owner, "A", 1, VISA);
        Payment payment = paymentOf(order);

        assertFails(() -> commerce.orders().get(stranger, order.id()), ErrorCode.FORBIDDEN, null);
        assertFails(() -> commerce.orders().cancel(stranger, order.id()), ErrorCode.FORBIDDEN, null);

        assertThat(commerce.orders().get(owner, order.id())).isEqualTo(order);
        assertThat(paymentOf(order)).isEqualTo(payment);
        assertThat(gateway.voidCount()).isZero();
        assertThat(commerce.orders().list(stranger, Optional.empty(), 10)).isEmpty();
    }

    @Test
    void cancellingAnAuthorizedOrderVoidsItAndPutsTheStockBack() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 2, VISA);

        Order cancelled = commerce.orders().cancel(customer, order.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.paymentStatus()).isEqualTo(OrderPaymentStatus.VOIDED);
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(gateway.voidCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(A).onHand()).isEqualTo(5);
        assertThat(cancelled.history()).last().extracting(OrderTransition::actor).isEqualTo("customer:" + customer);
        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.INVALID_TRANSITION, null);
    }

    @Test
    void cancellingACapturedOrderRefundsIt() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 1, VISA);
        commerce.backOffice().capture("alice", order.id(), Optional.empty());

        Order cancelled = commerce.backOffice().cancel("bob", order.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.paymentStatus()).isEqualTo(OrderPaymentStatus.REFUNDED);
        assertThat(paymentOf(order).refunded()).isEqualTo(order.totals().grandTotal());
        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(cancelled.history()).last().extracting(OrderTransition::actor).isEqualTo("staff:bob");
    }

    @Test
    void staffCaptureShipDeliverAndRefundWithHistory() {
        givenStockedProduct("A", "10.00", 5);
        Order order = placeDirect(newCustomer(), "A", 3, VISA);
        Money total = order.totals().grandTotal();

        Order partly = commerce.backOffice().capture("alice", order.id(), Optional.of(eur("10.00")));
        assertThat(partly.paymentStatus()).isEqualTo(OrderPaymentStatus.PARTIALLY_CAPTURED);
        Order captured = commerce.backOffice().capture("alice", order.id(), Optional.empty());
        assertThat(captured.paymentStatus()).isEqualTo(OrderPaymentStatus.CAPTURED);
        assertThat(paymentOf(order).captured()).isEqualTo(total);

        Order shipped = commerce.backOffice().fulfil("carl", order.id(), Map.of(A, 1L), "DHL", "T1");
        assertThat(shipped.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PARTIALLY_FULFILLED);
        assertFails(() -> commerce.backOffice().markDelivered("carl", order.id()), ErrorCode.INVALID_TRANSITION,
                null);
        assertFails(() -> commerce.backOffice().cancel("carl", order.id()), ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.backOffice().fulfil("carl", order.id(), Map.of(A, 3L), "DHL", "T2"),
                ErrorCode.VALIDATION, "quantities");
        shipped = commerce.backOffice().fulfil("carl", order.id(), Map.of(A, 2L), "UPS", "T2");
        assertThat(shipped.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FULFILLED);
        assertThat(shipped.shipments()).extracting(s -> s.trackingNumber()).containsExactly("T1", "T2");

        Order delivered = commerce.backOffice().markDelivered("carl", order.id());
        assertThat(delivered.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(delivered.fulfillmentStatus()).isEqualTo(FulfillmentStatus.DELIVERED);

        long onHand = commerce.inventory().level(A).onHand();
        Order refunded = commerce.backOffice().refund("dora", order.id(), eur("11.90"), Map.of(A, 1L));
        assertThat(refunded.paymentStatus()).isEqualTo(OrderPaymentStatus.PARTIALLY_REFUNDED);
        assertThat(commerce.inventory().level(A).onHand()).isEqualTo(onHand + 1);
        assertFails(() -> commerce.backOffice().refund("dora", order.id(), total, Map.of()),
                ErrorCode.INVALID_TRANSITION, null);

        assertThat(refunded.history()).extracting(OrderTransition::actor)
                .contains("staff:alice", "staff:carl", "staff:dora", "system");
        assertThat(refunded.history()).extracting(OrderTransition::to)
                .contains("CONFIRMED", "payment:CAPTURED", "fulfillment:FULFILLED", "COMPLETED",
                        "payment:PARTIALLY_REFUNDED");
    }

    @Test
    void concurrentCapturesAndRefundsAreAllRecordedAsTheGatewayPerformedThem() throws Exception {
        givenStockedProduct("A", "100.00", 5);
        Order order = placeDirect(newCustomer(), "A", 1, VISA);

        Contracts.race(8, i -> () -> commerce.backOffice().capture("s" + i, order.id(),
                Optional.of(Money.ofMinor(100 + i, EUR))));
        Payment captured = paymentOf(order);
        SimulatedPaymentGateway.Charge charge = gateway.charge(captured.gatewayPaymentId()).orElseThrow();
        assertThat(captured.captured()).isEqualTo(charge.captured());
        assertThat(captured.captured()).isEqualTo(Money.ofMinor(8 * 100 + 28, EUR));

        Contracts.race(8, i -> () -> commerce.backOffice().refund("s" + i, order.id(), Money.ofMinor(10 + i, EUR),
                Map.of()));
        Payment refunded = paymentOf(order);
        assertThat(refunded.refunded()).isEqualTo(gateway.charge(refunded.gatewayPaymentId()).orElseThrow().refunded());
        assertThat(refunded.refunded()).isEqualTo(Money.ofMinor(8 * 10 + 28, EUR));
        assertThat(commerce.backOffice().get(order.id()).paymentStatus())
                .isEqualTo(OrderPaymentStatus.PARTIALLY_REFUNDED);
    }

    @Test
    void aRepeatedCaptureWhoseAnswerWasLostMovesNoMoreMoney() {
        givenStockedProduct("A", "10.00", 5);
        var request = direct(newCustomer(), "A", 1, SimulatedPaymentGateway.TIMEOUT_THEN_OK, "slow");
        assertFails(() -> commerce.checkout().placeOrder(request), ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        Order placed = commerce.checkout().placeOrder(request);
        assertThat(placed.status()).isEqualTo(OrderStatus.CONFIRMED);

        assertFails(() -> commerce.backOffice().capture("s", placed.id(), Optional.of(eur("5.00")), "capture-1"),
                ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        assertThat(paymentOf(placed).captured()).isEqualTo(eur("0.00"));
        Order captured = commerce.backOffice().capture("s", placed.id(), Optional.of(eur("5.00")), "capture-1");

        assertThat(captured.paymentStatus()).isEqualTo(OrderPaymentStatus.PARTIALLY_CAPTURED);
        assertThat(paymentOf(placed).captured()).isEqualTo(eur("5.00"));
        assertThat(gateway.captureCount()).isEqualTo(1);
    }

    @Test
    void anOrderWhosePaymentIsInFlightCannotBeCancelledYet() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        assertFails(() -> placeDirect(customer, "A", 1, SimulatedPaymentGateway.TIMEOUT_THEN_OK),
                ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        Order pending = commerce.orders().list(customer, Optional.empty(), 1).get(0);

        assertFails(() -> commerce.orders().cancel(customer, pending.id()), ErrorCode.INVALID_TRANSITION, null);

        assertThat(commerce.orders().get(customer, pending.id())).isEqualTo(pending);
        assertThat(commerce.inventory().level(A).available()).isEqualTo(4);
        commerce.checkout().recover();
        Order confirmed = commerce.orders().get(customer, pending.id());
        assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        // This token times out on the first call of every key, the void included: a retry completes it.
        assertFails(() -> commerce.orders().cancel(customer, pending.id()), ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE,
                null);
        // Its cancellation has begun: nothing may ship until a repeat of the call finishes it.
        assertThat(commerce.orders().get(customer, pending.id()).status()).isEqualTo(OrderStatus.CANCELLING);
        assertThat(commerce.orders().cancel(customer, pending.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(paymentOf(pending).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(gateway.voidCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(A).onHand()).isEqualTo(5);
    }

    @Test
    void invalidTransitionsFailAndChangeNothing() {
        givenStockedProduct("A", "10.00", 5);
        Order unpaid = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.DECLINE);
        Order paid = placeDirect(newCustomer(), "A", 1, VISA);

        assertFails(() -> commerce.backOffice().fulfil("x", unpaid.id(), Map.of(A, 1L), "DHL", "T"),
                ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.backOffice().capture("x", unpaid.id(), Optional.empty()),
                ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.backOffice().markDelivered("x", paid.id()), ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.backOffice().capture("x", paid.id(), Optional.of(eur("1000.00"))),
                ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.backOffice().refund("x", paid.id(), eur("1.00"), Map.of()),
                ErrorCode.INVALID_TRANSITION, null);

        assertThat(commerce.backOffice().get(unpaid.id())).isEqualTo(unpaid);
        assertThat(commerce.backOffice().get(paid.id())).isEqualTo(paid);
        assertThat(gateway.captureCount()).isZero();
        assertThat(gateway.refundCount()).isZero();
        assertThat(OrderStatus.COMPLETED.canMoveTo(OrderStatus.CANCELLED)).isFalse();
        assertThat(OrderStatus.allowedTransitions().get(OrderStatus.PENDING_PAYMENT))
                .isEqualTo(Set.of(OrderStatus.CONFIRMED, OrderStatus.CANCELLING, OrderStatus.CANCELLED));
    }

    @Test
    void randomOperationsKeepTheMoneyInvariants() {
        long seed = new Random().nextLong();
        System.out.println("OrdersContract.randomOperationsKeepTheMoneyInvariants seed = " + seed);
        Random random = new Random(seed);
        givenStockedProduct("A", "7.35", 1_000);
        for (int run = 0; run < 15; run++) {
            Order order = placeDirect(newCustomer(), "A", 1 + random.nextInt(4), VISA);
            for (int step = 0; step < 12; step++) {
                Payment payment = paymentOf(order);
                try {
                    switch (random.nextInt(5)) {
                        case 0 -> commerce.backOffice().capture("p", order.id(),
                                random.nextBoolean() ? Optional.empty()
                                        : Optional.of(someOf(random, payment.capturable())));
                        case 1 -> commerce.backOffice().refund("p", order.id(), someOf(random, payment.refundable()),
                                Map.of());
                        case 2 -> commerce.backOffice().cancel("p", order.id());
                        case 3 -> commerce.backOffice().fulfil("p", order.id(), Map.of(A, 1L), "DHL", "T" + step);
                        default -> commerce.backOffice().markDelivered("p", order.id());
                    }
                } catch (CommerceException e) {
                    assertThat(e.code()).as("seed " + seed + ": " + e).isIn(ErrorCode.INVALID_TRANSITION,
                            ErrorCode.VALIDATION);
                }
                Order current = commerce.backOffice().get(order.id());
                Payment now = paymentOf(current);
                assertThat(now.captured()).as("seed " + seed).isLessThanOrEqualTo(now.authorized());
                assertThat(now.refunded()).as("seed " + seed).isLessThanOrEqualTo(now.captured());
                assertThat(current.paymentStatus()).as("seed " + seed).isEqualTo(OrderPaymentStatus.of(now.status()));
                Money lines = current.lines().stream().map(OrderLine::subtotal)
                        .reduce(Money.zero(EUR), Money::plus);
                Money discounts = current.lines().stream().map(OrderLine::discount)
                        .reduce(Money.zero(EUR), Money::plus);
                Money tax = current.lines().stream().map(OrderLine::tax).reduce(Money.zero(EUR), Money::plus)
                        .plus(current.totals().shippingTax());
                assertThat(current.totals().grandTotal()).as("seed " + seed)
                        .isEqualTo(lines.minus(discounts).plus(tax).plus(current.totals().shipping()));
                assertThat(current.totals()).isEqualTo(order.totals());
                assertThat(current.lines()).as("the checkout's snapshot")
                        .usingRecursiveFieldByFieldElementComparatorIgnoringFields("returned")
                        .isEqualTo(order.lines());
                assertThat(commerce.inventory().level(A).onHand()).isNotNegative();
            }
        }
    }

    private static Money someOf(Random random, Money upTo) {
        long max = upTo.minorUnits() + 1;
        return Money.ofMinor(random.nextLong(max) + 1, upTo.currency());
    }
}
