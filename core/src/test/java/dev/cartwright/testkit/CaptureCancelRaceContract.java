package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.order.FulfillmentStatus;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.testkit.InterceptingGateway.Operation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Staff's capture or refund meeting a cancel of the same order at the gateway: whichever way the gateway orders
 * them and whichever records first, a cancelled order keeps no money and the gateway's charge agrees with the
 * payment. Each race is made deterministic by holding a caller just after the gateway performed its call.
 */
public abstract class CaptureCancelRaceContract extends OrderFixtures {

    private static final String VISA = SimulatedPaymentGateway.VISA;
    private static final String REST = "capture-the-rest";

    /** The simulator behind the interceptor. */
    protected InterceptingGateway interceptor;

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        Commerce.Builder configured = super.configure(builder);
        interceptor = new InterceptingGateway(gateway);
        return configured.paymentGateway(interceptor);
    }

    @Test
    void aCaptureThatRecordsAfterTheCancelFinishedIsGivenBack() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = partlyCaptured(customer);
        Gate captured = new Gate(1);
        interceptor.after(Operation.CAPTURE, answer -> captured.pass());
        CompletableFuture<Order> capture = CompletableFuture.supplyAsync(() -> captureTheRest(order));
        captured.awaitHeld();

        Order cancelled = commerce.orders().cancel(customer, order.id());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        captured.open();
        capture.get(20, TimeUnit.SECONDS);

        assertKeepsNoMoney(order, 2);
        assertRepeatsMoveNoMoney(customer, order, 2);
    }

    @Test
    void aCaptureThatRecordsWhileTheCancelIsAtTheGatewayIsGivenBackByTheCancel() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = partlyCaptured(customer);
        Gate captured = new Gate(1);
        Gate refunded = new Gate(1);
        interceptor.after(Operation.CAPTURE, answer -> captured.pass());
        interceptor.after(Operation.REFUND, answer -> refunded.pass());
        CompletableFuture<Order> capture = CompletableFuture.supplyAsync(() -> captureTheRest(order));
        captured.awaitHeld();
        CompletableFuture<Order> cancel = CompletableFuture.supplyAsync(() -> commerce.orders()
                .cancel(customer, order.id()));
        refunded.awaitHeld();

        captured.open();
        assertThat(capture.get(20, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.CANCELLING);
        refunded.open();
        assertThat(cancel.get(20, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.CANCELLED);

        assertKeepsNoMoney(order, 2);
        assertRepeatsMoveNoMoney(customer, order, 2);
    }

    @Test
    void aCaptureRepeatedWithItsKeyThatRecordsAfterTheCancelFinishedIsGivenBackOnce() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = partlyCaptured(customer);
        Gate captured = new Gate(2);
        interceptor.after(Operation.CAPTURE, answer -> captured.pass());
        CompletableFuture<Order> capture = CompletableFuture.supplyAsync(() -> captureTheRest(order));
        CompletableFuture<Order> repeat = CompletableFuture.supplyAsync(() -> captureTheRest(order));
        captured.awaitHeld();

        commerce.orders().cancel(customer, order.id());
        captured.open();
        capture.get(20, TimeUnit.SECONDS);
        repeat.get(20, TimeUnit.SECONDS);

        assertThat(gateway.captureCount()).as("the repeat is answered from its key").isEqualTo(2);
        assertKeepsNoMoney(order, 2);
        assertRepeatsMoveNoMoney(customer, order, 2);
    }

    @Test
    void aCaptureThatReachedTheGatewayBeforeTheCancelsVoidLeavesTheOrderConfirmedAndCaptured() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 2, VISA);
        Gate captured = new Gate(1);
        interceptor.after(Operation.CAPTURE, answer -> captured.pass());
        CompletableFuture<Order> capture = CompletableFuture.supplyAsync(() -> captureTheRest(order));
        captured.awaitHeld();

        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.INVALID_TRANSITION, null);
        assertThat(commerce.backOffice().get(order.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
        captured.open();
        Order after = capture.get(20, TimeUnit.SECONDS);

        assertThat(after.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(after.paymentStatus()).isEqualTo(OrderPaymentStatus.CAPTURED);
        assertChargeAgrees(order);
        assertThat(paymentOf(order).captured()).isEqualTo(order.totals().grandTotal());
        assertThat(gateway.voidCount()).isZero();
        assertThat(commerce.backOffice().fulfil("sam", order.id(), Map.of(Sku.of("A"), 2L), "DHL", "T1")
                .fulfillmentStatus()).as("the order is still shippable").isEqualTo(FulfillmentStatus.FULFILLED);
    }

    @Test
    void aCaptureThatReachedTheGatewayBeforeTheCancelsVoidIsRefundedByTheNextCancel() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 2, VISA);
        Gate captured = new Gate(1);
        interceptor.after(Operation.CAPTURE, answer -> captured.pass());
        CompletableFuture<Order> capture = CompletableFuture.supplyAsync(() -> captureTheRest(order));
        captured.awaitHeld();
        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.INVALID_TRANSITION, null);
        captured.open();
        capture.get(20, TimeUnit.SECONDS);

        assertThat(commerce.orders().cancel(customer, order.id()).status()).isEqualTo(OrderStatus.CANCELLED);

        assertKeepsNoMoney(order, 1);
        assertThat(gateway.voidCount()).isZero();
    }

    @Test
    void aStaffRefundThatReachedTheGatewayBeforeTheCancelsRefundLeavesTheOrderConfirmedUntilCancelledAgain()
            throws Exception {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 2, VISA);
        commerce.backOffice().capture("ann", order.id(), Optional.empty());
        Gate refunded = new Gate(1);
        interceptor.after(Operation.REFUND, answer -> refunded.pass());
        CompletableFuture<Order> refund = CompletableFuture.supplyAsync(() -> commerce.backOffice()
                .refund("ann", order.id(), eur("5.00"), Map.of()));
        refunded.awaitHeld();

        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.INVALID_TRANSITION, null);
        assertThat(commerce.backOffice().get(order.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
        refunded.open();
        assertThat(refund.get(20, TimeUnit.SECONDS).paymentStatus())
                .isEqualTo(OrderPaymentStatus.PARTIALLY_REFUNDED);
        assertChargeAgrees(order);

        assertThat(commerce.orders().cancel(customer, order.id()).status()).isEqualTo(OrderStatus.CANCELLED);

        assertKeepsNoMoney(order, 2);
        assertThat(paymentOf(order).refunded()).isEqualTo(order.totals().grandTotal());
    }

    // ------------------------------------------------------------------ helpers

    /** @return an order of two units, of which 5.00 is captured */
    private Order partlyCaptured(CustomerId customer) {
        Order order = placeDirect(customer, "A", 2, VISA);
        Order captured = commerce.backOffice().capture("ann", order.id(), Optional.of(eur("5.00")));
        assertThat(captured.paymentStatus()).isEqualTo(OrderPaymentStatus.PARTIALLY_CAPTURED);
        return captured;
    }

    private Order captureTheRest(Order order) {
        return commerce.backOffice().capture("bob", order.id(), Optional.empty(), REST);
    }

    /** The order is cancelled, nothing is left refundable, and the gateway refunded {@code refunds} times. */
    private void assertKeepsNoMoney(Order order, long refunds) {
        Order now = commerce.backOffice().get(order.id());
        Payment payment = paymentOf(order);
        assertThat(now.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payment.refundable()).as("a cancelled order keeps no capture: " + payment).isEqualTo(zero());
        assertThat(payment.status()).isIn(PaymentStatus.REFUNDED, PaymentStatus.VOIDED);
        assertThat(now.paymentStatus()).isEqualTo(OrderPaymentStatus.of(payment.status()));
        assertChargeAgrees(order);
        assertThat(gateway.refundCount()).isEqualTo(refunds);
        assertThat(commerce.inventory().level(Sku.of("A")).onHand()).isEqualTo(5);
    }

    /** The gateway's charge holds what the payment records. */
    private void assertChargeAgrees(Order order) {
        Payment payment = paymentOf(order);
        SimulatedPaymentGateway.Charge charge = gateway.charge(payment.gatewayPaymentId()).orElseThrow();
        assertThat(charge.captured()).as("captured at the gateway").isEqualTo(payment.captured());
        assertThat(charge.refunded()).as("refunded at the gateway").isEqualTo(payment.refunded());
    }

    /** Repeating the capture of the rest and the cancel moves no more money. */
    private void assertRepeatsMoveNoMoney(CustomerId customer, Order order, long refunds) {
        Payment before = paymentOf(order);
        long captures = gateway.captureCount();
        assertFails(() -> captureTheRest(order), ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.INVALID_TRANSITION, null);
        assertThat(paymentOf(order)).isEqualTo(before);
        assertThat(gateway.captureCount()).isEqualTo(captures);
        assertThat(gateway.refundCount()).isEqualTo(refunds);
    }

    private static Money zero() {
        return Money.zero(EUR);
    }
}
