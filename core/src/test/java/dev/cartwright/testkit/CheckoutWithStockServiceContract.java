package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.inventory.StockService;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.RefundRequest;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.testkit.UnreliableStockService.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Every checkout contract again, with the stock kept by a {@link dev.cartwright.inventory.StockService} instead
 * of the orders' store: here the store's own stock served in process ({@link Commerce#stockService()}), behind a
 * network that can lose a call or its answer. Plus what only such stock does: holds given back when placing
 * fails, confirms and releases repeated after their answers were lost, and a hold that lapsed. A transport's
 * client can take the in-process service's place ({@link #serve}).
 */
public abstract class CheckoutWithStockServiceContract extends CheckoutContract {

    private static final String VISA = SimulatedPaymentGateway.VISA;

    /** The network to the stock service, to break and to count what reached it. */
    protected UnreliableStockService network;

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        network = new UnreliableStockService(
                serve(Commerce.builder().store(store).clock(clock).build().stockService()));
        return super.configure(builder).stockService(network);
    }

    /**
     * The stock service the checkout calls, behind the simulated network, given the store's own served in
     * process: that one, or a client of it served by a remote transport. Called once per test.
     *
     * @param stockHolds the store's own stock as a service
     * @return the service the checkout calls
     */
    protected StockService serve(StockService stockHolds) {
        return stockHolds;
    }

    /** An unpaid order's units are held at the service, not sold. */
    @Override
    protected void assertTakenByAnUnpaidOrder(StockLevel level, long units) {
        assertThat(level.reserved()).as("held at the service while the order waits for a payment").isEqualTo(units);
        assertThat(level.sold()).isZero();
    }

    private static StockLevel stock(String sku, long onHand, long reserved, long sold) {
        return new StockLevel(Sku.of(sku), onHand, reserved, onHand - reserved, sold);
    }

    @Test
    void holdsThenSellsTheUnitsAtTheServiceOncePerOrder() {
        givenStockedProduct("A", "10.00", 5);
        givenStockedProduct("B", "5.00", 5);

        Order order = commerce.checkout().placeOrder(new DirectOrderRequest(Map.of(Sku.of("A"), 2L, Sku.of("B"),
                1L), List.of(), Optional.of(newCustomer()), Optional.empty(), ADDRESS, Optional.of("standard"),
                card(VISA), "k1"));

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(network.arrived(Operation.RESERVE)).isEqualTo(1);
        assertThat(network.arrived(Operation.CONFIRM)).isEqualTo(1);
        assertThat(network.arrived(Operation.RELEASE)).isZero();
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 3, 0, 2));
        assertThat(commerce.inventory().level(Sku.of("B"))).isEqualTo(stock("B", 4, 0, 1));
    }

    @Test
    void aDeclinedOrderHoldsItsUnitsUntilItsCustomerCancelsItWhichReleasesThem() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order declined = placeDirect(customer, "A", 2, SimulatedPaymentGateway.DECLINE);
        assertThat(declined.paymentStatus()).isEqualTo(OrderPaymentStatus.DECLINED);
        assertThat(commerce.inventory().level(Sku.of("A")).reserved()).isEqualTo(2);

        commerce.orders().cancel(customer, declined.id());

        StockLevel level = commerce.inventory().level(Sku.of("A"));
        assertThat(level.reserved()).isZero();
        assertThat(level.available()).isEqualTo(5);
        assertThat(network.arrived(Operation.CONFIRM)).isZero();
        assertThat(network.arrived(Operation.RELEASE)).isEqualTo(1);
    }

    @Test
    void aDeclinedOrderIsReleasedByTheExpirySweepAndRecoveryFinishesOneWhoseReleaseNeverArrived() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order declined = placeDirect(customer, "A", 2, SimulatedPaymentGateway.DECLINE);
        clock.advance(PAYMENT_TIMEOUT);
        network.dropTheNextCallOf(Operation.RELEASE);

        assertThat(commerce.checkout().expireUnpaid()).as("the release timed out").isZero();
        Order claimed = commerce.orders().get(customer, declined.id());
        assertThat(claimed.status()).as("claimed: no payment starts").isEqualTo(OrderStatus.CANCELLING);
        assertFails(() -> payAgain(claimed, card(VISA), "meanwhile"), ErrorCode.INVALID_TRANSITION, null);
        assertThat(commerce.inventory().level(Sku.of("A")).reserved()).isEqualTo(2);

        assertThat(commerce.checkout().recover()).isEqualTo(1);

        assertThat(commerce.orders().get(customer, declined.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 5, 0, 0));
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void aSecondPaymentCannotStartWhileACancelGivesTheHoldsBack() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order declined = placeDirect(customer, "A", 2, SimulatedPaymentGateway.DECLINE);
        network.dropTheNextCallOf(Operation.RELEASE);
        assertFails(() -> commerce.orders().cancel(customer, declined.id()), ErrorCode.STOCK_SERVICE_UNAVAILABLE,
                null);

        assertFails(() -> payAgain(declined, card(VISA), "racing"), ErrorCode.INVALID_TRANSITION, null);
        Order cancelled = commerce.orders().cancel(customer, declined.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 5, 0, 0));
        assertThat(network.arrived(Operation.CONFIRM)).isZero();
    }

    @Test
    void aConfirmWhoseAnswerWasLostIsRepeatedByTheClientsRetryAndSellsOnce() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        DirectOrderRequest request = direct(customer, "A", 2, VISA, "lost-confirm");
        network.loseTheNextAnswerOf(Operation.CONFIRM);

        assertFails(() -> commerce.checkout().placeOrder(request), ErrorCode.STOCK_SERVICE_UNAVAILABLE, null);
        Order pending = commerce.orders().list(customer, Optional.empty(), 1).get(0);
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(pending.paymentStatus()).as("not recorded before the stock is sold").isEqualTo(
                OrderPaymentStatus.PENDING);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).as("the service sold it").isEqualTo(2);

        Order order = commerce.checkout().placeOrder(request);

        assertThat(order.id()).isEqualTo(pending.id());
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(network.arrived(Operation.CONFIRM)).isEqualTo(2);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 3, 0, 2));
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(paymentOf(order).authorized()).isEqualTo(order.totals().grandTotal());
    }

    @Test
    void aConfirmWhoseAnswerWasLostIsRepeatedByRecovery() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        network.loseTheNextAnswerOf(Operation.CONFIRM);
        assertFails(() -> placeDirect(customer, "A", 1, VISA), ErrorCode.STOCK_SERVICE_UNAVAILABLE, null);

        assertThat(commerce.checkout().recover()).isEqualTo(1);

        Order order = commerce.orders().list(customer, Optional.empty(), 1).get(0);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 4, 0, 1));
        assertThat(commerce.checkout().recover()).isZero();
    }

    @Test
    void aConfirmThatNeverArrivedIsMadeByRecovery() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        network.dropTheNextCallOf(Operation.CONFIRM);
        assertFails(() -> placeDirect(customer, "A", 1, VISA), ErrorCode.STOCK_SERVICE_UNAVAILABLE, null);
        assertThat(commerce.inventory().level(Sku.of("A")).reserved()).isEqualTo(1);

        assertThat(commerce.checkout().recover()).isEqualTo(1);

        assertThat(commerce.orders().list(customer, Optional.empty(), 1).get(0).status())
                .isEqualTo(OrderStatus.CONFIRMED);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 4, 0, 1));
    }

    @Test
    void aHoldWhoseAnswerWasLostIsGivenBackAndTheRetryPlacesTheOrderOnce() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        DirectOrderRequest request = direct(customer, "A", 2, VISA, "lost-hold");
        network.loseTheNextAnswerOf(Operation.RESERVE);

        assertFails(() -> commerce.checkout().placeOrder(request), ErrorCode.STOCK_SERVICE_UNAVAILABLE, null);
        assertThat(commerce.orders().list(customer, Optional.empty(), 10)).isEmpty();
        assertThat(commerce.inventory().level(Sku.of("A")).available()).as("the hold was given back").isEqualTo(5);

        Order order = commerce.checkout().placeOrder(request);

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 3, 0, 2));
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    @Test
    void placingThatFailsAfterTheHoldGivesItBack() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        commerce.checkout().placeOrder(direct(customer, "A", 1, VISA, "taken"));

        assertFails(() -> commerce.checkout().placeOrder(direct(customer, "A", 2, VISA, "taken")),
                ErrorCode.CONFLICT, "idempotencyKey");

        assertThat(network.arrived(Operation.RESERVE)).isEqualTo(2);
        assertThat(network.arrived(Operation.RELEASE)).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 4, 0, 1));
    }

    @Test
    void aPaidOrderCancelledGivesItsSoldUnitsBackAtTheService() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 2, VISA);

        Order cancelled = commerce.orders().cancel(customer, order.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(gateway.voidCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 5, 0, 0));
        assertThat(network.arrived(Operation.RELEASE)).isEqualTo(1);
    }

    @Test
    void refundsRestockAtTheServiceAndACancelGivesBackOnlyWhatIsStillSold() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 3, VISA);
        commerce.backOffice().capture("staff-1", order.id(), Optional.empty());

        commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 1L));
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 3, 0, 2));
        Order refunded = commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 1L));

        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 4, 0, 1));
        assertThat(refunded.lines().get(0).returned()).isEqualTo(2);
        assertThat(paymentOf(refunded).refunded()).isEqualTo(eur("2.00"));
        assertThat(network.arrived(Operation.RETURN)).isEqualTo(2);

        Order cancelled = commerce.orders().cancel(customer, order.id());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(commerce.inventory().level(Sku.of("A"))).as("the one unit still sold, once").isEqualTo(
                stock("A", 5, 0, 0));
    }

    @Test
    void twoRefundsRacingToRestockTheSameUnitsReturnThemOnceAtTheService() throws Exception {
        InterceptingGateway interceptor = new InterceptingGateway(gateway);
        commerce = configure(Commerce.builder().store(store).clock(clock)).paymentGateway(interceptor).build();
        givenStockedProduct("A", "10.00", 5);
        Order order = placeDirect(newCustomer(), "A", 3, VISA);
        commerce.backOffice().capture("staff-1", order.id(), Optional.empty());
        Gate gate = new Gate(2);
        interceptor.before(InterceptingGateway.Operation.REFUND, gate::pass);

        CompletableFuture<Order> ann = CompletableFuture.supplyAsync(() -> commerce.backOffice().refund("ann",
                order.id(), eur("1.00"), Map.of(Sku.of("A"), 2L)));
        CompletableFuture<Order> bob = CompletableFuture.supplyAsync(() -> commerce.backOffice().refund("bob",
                order.id(), eur("1.00"), Map.of(Sku.of("A"), 2L)));
        gate.awaitHeld();
        gate.open();
        ann.get(20, TimeUnit.SECONDS);
        bob.get(20, TimeUnit.SECONDS);

        Order refunded = commerce.backOffice().get(order.id());
        assertThat(paymentOf(refunded).refunded()).as("the money, already moved, is recorded").isEqualTo(
                eur("2.00"));
        assertThat(refunded.lines().get(0).returned()).isEqualTo(3);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 5, 0, 0));
    }

    @Test
    void aRestockBeyondWhatTheOrderHasLeftIsRefusedBeforeAnythingMoves() {
        givenStockedProduct("A", "10.00", 5);
        Order order = placeDirect(newCustomer(), "A", 2, VISA);
        commerce.backOffice().capture("staff-1", order.id(), Optional.empty());
        commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 1L));

        assertFails(() -> commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 2L)),
                ErrorCode.VALIDATION, "restock");
        assertFails(() -> commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("B"), 1L)),
                ErrorCode.VALIDATION, "restock");

        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(network.arrived(Operation.RETURN)).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 4, 0, 1));
    }

    @Test
    void aRefundTheGatewayRefusesReturnsNoUnits() {
        givenStockedProduct("A", "10.00", 5);
        Order order = placeDirect(newCustomer(), "A", 2, VISA);
        commerce.backOffice().capture("staff-1", order.id(), Optional.empty());
        gateway.refund(new RefundRequest(paymentOf(order).gatewayPaymentId(), order.totals().grandTotal(),
                "refunded-elsewhere"));

        assertFails(() -> commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 1L)),
                ErrorCode.INVALID_TRANSITION, null);

        assertThat(network.arrived(Operation.RETURN)).isZero();
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 3, 0, 2));
    }

    @Test
    void aRefundWhoseReturnAnswerWasLostIsRetriedWithItsKeyAndRestocksOnce() {
        givenStockedProduct("A", "10.00", 5);
        Order order = placeDirect(newCustomer(), "A", 3, VISA);
        commerce.backOffice().capture("staff-1", order.id(), Optional.empty());
        network.loseTheNextAnswerOf(Operation.RETURN);

        assertFails(() -> commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 2L),
                "refund-1"), ErrorCode.STOCK_SERVICE_UNAVAILABLE, null);
        assertThat(commerce.inventory().level(Sku.of("A"))).as("the service returned them").isEqualTo(
                stock("A", 4, 0, 1));
        assertThat(paymentOf(order).refunded().isZero()).as("not recorded before the units are back").isTrue();

        Order refunded = commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 2L),
                "refund-1");
        commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 2L), "refund-1");

        assertThat(network.arrived(Operation.RETURN)).isEqualTo(2);
        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(paymentOf(refunded).refunded()).isEqualTo(eur("1.00"));
        assertThat(refunded.lines().get(0).returned()).isEqualTo(2);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 4, 0, 1));
    }

    @Test
    void aReturnThatNeverReachedTheServiceIsMadeByTheRefundsRetry() {
        givenStockedProduct("A", "10.00", 5);
        Order order = placeDirect(newCustomer(), "A", 3, VISA);
        commerce.backOffice().capture("staff-1", order.id(), Optional.empty());
        network.dropTheNextCallOf(Operation.RETURN);

        assertFails(() -> commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 1L),
                "refund-1"), ErrorCode.STOCK_SERVICE_UNAVAILABLE, null);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 2, 0, 3));

        Order refunded = commerce.backOffice().refund("staff-1", order.id(), eur("1.00"), Map.of(Sku.of("A"), 1L),
                "refund-1");

        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(paymentOf(refunded).refunded()).isEqualTo(eur("1.00"));
        assertThat(refunded.lines().get(0).returned()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 3, 0, 2));
    }

    @Test
    void anApprovalThatArrivesAfterTheHoldLapsedCancelsTheOrderAndGivesTheMoneyBack() {
        SimulatedPaymentGateway simulator = new SimulatedPaymentGateway();
        InterceptingGateway slow = new InterceptingGateway(simulator);
        commerce = configure(Commerce.builder().store(store).clock(clock)).paymentGateway(slow).build();
        givenStockedProduct("A", "10.00", 1);
        AtomicBoolean first = new AtomicBoolean(true);
        slow.beforeAuthorize(() -> {
            if (first.getAndSet(false)) {
                clock.advance(PAYMENT_TIMEOUT.plus(Duration.ofDays(1)));
                Order other = placeDirect(newCustomer(), "A", 1, VISA);
                assertThat(other.status()).as("the lapsed hold's unit went to another buyer").isEqualTo(
                        OrderStatus.CONFIRMED);
            }
        });

        Order order = placeDirect(newCustomer(), "A", 1, VISA);

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(simulator.authorizationCount()).isEqualTo(2);
        assertThat(simulator.voidCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock("A", 0, 0, 1));
    }
}
