package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.FulfillmentStatus;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCancelled;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderPlaced;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.DeclineReason;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.GatewayTimeoutException;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.NewPromotion;
import dev.cartwright.testkit.InterceptingGateway.Operation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The money path where two callers meet (a retry racing its original, staff racing staff, a customer racing
 * staff, a gateway answer that arrives after the order's hold lapsed) and its smaller rules (restocking across
 * refunds, promotion usage given back, free orders, who may pay and see an order's payments). Races are made
 * deterministic where they can be, by holding a caller at the gateway until the test releases it.
 */
public abstract class MoneyPathContract extends OrderFixtures {

    private static final String VISA = SimulatedPaymentGateway.VISA;
    private static final int RETRIES = 8;

    /** The simulator behind the interceptor, to count what the card network did. */
    protected InterceptingGateway interceptor;
    private final List<CommerceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        Commerce.Builder configured = super.configure(builder).eventListener(events::add);
        interceptor = new InterceptingGateway(gateway);
        return configured.paymentGateway(interceptor);
    }

    // ------------------------------------------------------------------ a retry racing its original

    @Test
    void retriesOfOneCheckoutRacingTheLastUnitAllGetTheOneOrder() throws Exception {
        givenStockedProduct("ONE", "10.00", 1);
        DirectOrderRequest request = direct(newCustomer(), "ONE", 1, VISA, "same-key");

        List<Object> outcomes = Contracts.race(RETRIES, i -> outcome(() -> commerce.checkout().placeOrder(request)));

        Order order = commerce.checkout().placeOrder(request);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertOnlyTheOrderOrInProgress(outcomes, order);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("ONE")).sold()).isEqualTo(1);
    }

    @Test
    void aRetryWhileTheOriginalIsAtTheGatewayIsToldInProgressThenGetsTheOrder() throws Exception {
        givenStockedProduct("ONE", "10.00", 1);
        DirectOrderRequest request = direct(newCustomer(), "ONE", 1, VISA, "held-key");
        Gate gate = new Gate(1);
        interceptor.beforeAuthorize(gate::pass);
        CompletableFuture<Order> original = CompletableFuture.supplyAsync(() -> commerce.checkout()
                .placeOrder(request));
        gate.awaitHeld();

        assertFails(() -> commerce.checkout().placeOrder(request), ErrorCode.IN_PROGRESS, "idempotencyKey");

        gate.open();
        Order placed = original.get(20, TimeUnit.SECONDS);
        assertThat(commerce.checkout().placeOrder(request)).isEqualTo(placed);
        assertThat(placed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    @Test
    void retriesRacingTheLastRedemptionOfAPromotionAllGetTheOneOrder() throws Exception {
        givenStockedProduct("P", "10.00", 100);
        commerce.promotions().create(NewPromotion.withCode("ONCE", "Once", new Discount.PercentageOff(BigDecimal.TEN),
                START).withUsageLimit(1));
        DirectOrderRequest request = new DirectOrderRequest(Map.of(Sku.of("P"), 1L), List.of("ONCE"),
                Optional.of(newCustomer()), Optional.empty(), ADDRESS, Optional.of("standard"), card(VISA),
                "promo-key");

        List<Object> outcomes = Contracts.race(RETRIES, i -> outcome(() -> commerce.checkout().placeOrder(request)));

        Order order = commerce.checkout().placeOrder(request);
        assertThat(order.totals().discountTotal()).isEqualTo(eur("1.00"));
        assertOnlyTheOrderOrInProgress(outcomes, order);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    @Test
    void retriesOfOneCartCheckoutWithStockToSpareAllGetTheOneOrder() throws Exception {
        givenStockedProduct("A", "10.00", 100);
        CustomerId customer = newCustomer();
        Cart cart = cartOf(customer, "A", 2L);

        List<Object> outcomes = Contracts.race(RETRIES, i -> outcome(() -> commerce.checkout()
                .placeOrder(checkoutOf(cart, customer, VISA, "cart-key"))));

        Order order = commerce.checkout().placeOrder(checkoutOf(cart, customer, VISA, "cart-key"));
        assertOnlyTheOrderOrInProgress(outcomes, order);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).isEqualTo(2);
    }

    @Test
    void retriesOfOnePaymentAllGetTheOneOrderAndChargeOnce() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        Order declined = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.DECLINE);
        long before = gateway.authorizationCount();

        List<Object> outcomes = Contracts.race(RETRIES, i -> outcome(() -> payAgain(declined, card(VISA),
                "pay-again")));

        Order paid = payAgain(declined, card(VISA), "pay-again");
        assertThat(paid.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertOnlyTheOrderOrInProgress(outcomes, paid);
        assertThat(gateway.authorizationCount()).isEqualTo(before + 1);
    }

    // ------------------------------------------------------------------ staff racing staff

    @Test
    void twoStaffRefundingTheSameAmountAtOnceRefundTwice() throws Exception {
        givenStockedProduct("A", "84.03", 5);
        Order order = capturedOrder();
        bothAtTheGateway(Operation.REFUND,
                () -> commerce.backOffice().refund("ann", order.id(), eur("30.00"), Map.of()),
                () -> commerce.backOffice().refund("bob", order.id(), eur("30.00"), Map.of()));

        assertThat(gateway.refundCount()).isEqualTo(2);
        assertThat(paymentOf(order).refunded()).isEqualTo(eur("60.00"));
        assertThat(commerce.backOffice().get(order.id()).paymentStatus())
                .isEqualTo(OrderPaymentStatus.PARTIALLY_REFUNDED);
    }

    @Test
    void twoStaffCapturingTheSameAmountAtOnceCaptureTwice() throws Exception {
        givenStockedProduct("A", "84.03", 5);
        Order order = placeDirect(newCustomer(), "A", 1, VISA);
        bothAtTheGateway(Operation.CAPTURE,
                () -> commerce.backOffice().capture("ann", order.id(), Optional.of(eur("30.00"))),
                () -> commerce.backOffice().capture("bob", order.id(), Optional.of(eur("30.00"))));

        assertThat(gateway.captureCount()).isEqualTo(2);
        assertThat(paymentOf(order).captured()).isEqualTo(eur("60.00"));
    }

    @Test
    void aRefundRepeatedWithItsOperationKeyRefundsOnceAndAnotherAmountUnderItIsAConflict() throws Exception {
        givenStockedProduct("A", "84.03", 5);
        Order order = capturedOrder();

        List<Object> outcomes = Contracts.race(4, i -> outcome(() -> commerce.backOffice()
                .refund("ann", order.id(), eur("30.00"), Map.of(), "refund-1")));
        Order again = commerce.backOffice().refund("ann", order.id(), eur("30.00"), Map.of(), "refund-1");

        assertThat(outcomes).allMatch(Order.class::isInstance);
        assertThat(again.paymentStatus()).isEqualTo(OrderPaymentStatus.PARTIALLY_REFUNDED);
        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(paymentOf(order).refunded()).isEqualTo(eur("30.00"));
        assertFails(() -> commerce.backOffice().refund("ann", order.id(), eur("31.00"), Map.of(), "refund-1"),
                ErrorCode.CONFLICT, "operationKey");
        assertThat(paymentOf(order).refunded()).isEqualTo(eur("30.00"));
    }

    @Test
    void aCaptureRepeatedWithItsOperationKeyCapturesOnce() {
        givenStockedProduct("A", "84.03", 5);
        Order order = placeDirect(newCustomer(), "A", 1, VISA);

        commerce.backOffice().capture("ann", order.id(), Optional.of(eur("30.00")), "capture-1");
        Order again = commerce.backOffice().capture("ann", order.id(), Optional.of(eur("30.00")), "capture-1");

        assertThat(again.paymentStatus()).isEqualTo(OrderPaymentStatus.PARTIALLY_CAPTURED);
        assertThat(gateway.captureCount()).isEqualTo(1);
        assertThat(paymentOf(order).captured()).isEqualTo(eur("30.00"));
    }

    @Test
    void aGatewayDecliningACaptureOrRefundMovesNothing() {
        givenStockedProduct("A", "84.03", 5);
        Order authorized = placeDirect(newCustomer(), "A", 1, VISA);
        Order captured = capturedOrder();
        Payment authorizedBefore = paymentOf(authorized);
        Payment capturedBefore = paymentOf(captured);
        interceptor.answer(Operation.CAPTURE, () -> new GatewayResult.Declined(DeclineReason.DECLINED, "no"));
        interceptor.answer(Operation.REFUND, () -> new GatewayResult.Declined(DeclineReason.DECLINED, "no"));

        assertFails(() -> commerce.backOffice().capture("ann", authorized.id(), Optional.empty()),
                ErrorCode.PAYMENT_DECLINED, null);
        assertFails(() -> commerce.backOffice().refund("ann", captured.id(), eur("1.00"), Map.of(Sku.of("A"), 1L)),
                ErrorCode.PAYMENT_DECLINED, null);

        assertThat(paymentOf(authorized)).isEqualTo(authorizedBefore);
        assertThat(paymentOf(captured)).isEqualTo(capturedBefore);
        assertThat(commerce.inventory().level(Sku.of("A")).onHand()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ a customer racing staff

    @Test
    void aShipmentWhileTheCustomerCancelsIsRefusedAndTheCancelWins() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 2, VISA);
        Gate gate = new Gate(1);
        interceptor.before(Operation.VOID, gate::pass);

        CompletableFuture<Order> cancel = CompletableFuture.supplyAsync(() -> commerce.orders()
                .cancel(customer, order.id()));
        gate.awaitHeld();
        assertFails(() -> commerce.backOffice().fulfil("sam", order.id(), Map.of(Sku.of("A"), 2L), "DHL", "T1"),
                ErrorCode.INVALID_TRANSITION, null);
        gate.open();
        Order cancelled = cancel.get(20, TimeUnit.SECONDS);

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.paymentStatus()).isEqualTo(OrderPaymentStatus.VOIDED);
        assertThat(cancelled.shipments()).isEmpty();
        assertThat(commerce.backOffice().get(order.id())).isEqualTo(cancelled);
        StockLevel level = commerce.inventory().level(Sku.of("A"));
        assertThat(level.onHand()).isEqualTo(5);
        assertThat(level.sold()).as("a cancelled sale is returned, not received again").isZero();
        assertThat(events).filteredOn(OrderCancelled.class::isInstance).hasSize(1);
    }

    @Test
    void aCancelAfterTheOrderShippedMovesNoMoney() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 2, VISA);
        commerce.backOffice().fulfil("sam", order.id(), Map.of(Sku.of("A"), 2L), "DHL", "T1");

        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.INVALID_TRANSITION, null);

        assertThat(gateway.voidCount()).isZero();
        assertThat(commerce.backOffice().get(order.id()).fulfillmentStatus()).isEqualTo(FulfillmentStatus.FULFILLED);
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }

    @Test
    void aVoidTheGatewayDeclinesLeavesTheOrderConfirmedAndShippable() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 1, VISA);
        interceptor.answer(Operation.VOID, () -> new GatewayResult.Declined(DeclineReason.DECLINED, "no"));

        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.PAYMENT_DECLINED, null);

        Order after = commerce.backOffice().get(order.id());
        assertThat(after.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(events).filteredOn(OrderCancelled.class::isInstance).isEmpty();
        assertThat(commerce.backOffice().fulfil("sam", order.id(), Map.of(Sku.of("A"), 1L), "DHL", "T1")
                .fulfillmentStatus()).isEqualTo(FulfillmentStatus.FULFILLED);
    }

    @Test
    void aCancelWhoseGatewayCallTimedOutFinishesWhenRepeated() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 1, VISA);
        interceptor.answer(Operation.VOID, () -> {
            throw new GatewayTimeoutException("void", "simulated time-out");
        });

        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        assertThat(commerce.backOffice().get(order.id()).status()).isEqualTo(OrderStatus.CANCELLING);
        assertFails(() -> commerce.backOffice().fulfil("sam", order.id(), Map.of(Sku.of("A"), 1L), "DHL", "T1"),
                ErrorCode.INVALID_TRANSITION, null);
        interceptor.forwardAll();

        Order cancelled = commerce.backOffice().cancel("sam", order.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(gateway.voidCount()).isEqualTo(1);
    }

    @Test
    void recoverFinishesACancellationThatStoppedAtTheGateway() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order order = placeDirect(customer, "A", 1, VISA);
        interceptor.answer(Operation.VOID, () -> {
            throw new GatewayTimeoutException("void", "simulated time-out");
        });
        assertFails(() -> commerce.orders().cancel(customer, order.id()), ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        assertThat(commerce.checkout().recover()).as("the gateway still does not answer").isZero();
        interceptor.forwardAll();

        assertThat(commerce.checkout().recover()).isEqualTo(1);

        Order cancelled = commerce.backOffice().get(order.id());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.history().get(cancelled.history().size() - 1).actor()).isEqualTo("system");
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(commerce.inventory().level(Sku.of("A")).onHand()).isEqualTo(5);
        assertThat(commerce.checkout().recover()).isZero();
    }

    // ------------------------------------------------------------------ a late gateway answer

    @Test
    void aPaymentApprovedAfterItsHoldLapsedAndTheUnitSoldIsCancelledAndVoided() throws Exception {
        Order late = lateApprovalAfterTheUnitWentElsewhere();

        assertThat(late.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(late.paymentStatus()).isEqualTo(OrderPaymentStatus.VOIDED);
        assertThat(paymentOf(late).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(gateway.voidCount()).isEqualTo(1);
        StockLevel level = commerce.inventory().level(Sku.of("ONE"));
        assertThat(level.sold()).isEqualTo(1);
        assertThat(level.onHand()).isZero();
        assertThat(level.reserved()).isZero();
        assertThat(events).filteredOn(OrderPlaced.class::isInstance).hasSize(1);
        assertThat(commerce.backOffice().get(late.id())).isEqualTo(late);
    }

    @Test
    void aCapturedPaymentApprovedAfterItsHoldLapsedAndTheUnitSoldIsRefunded() throws Exception {
        commerce = configure(Commerce.builder().store(store).clock(clock)).captureOnCheckout(true).build();
        Order late = lateApprovalAfterTheUnitWentElsewhere();

        assertThat(late.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(late.paymentStatus()).isEqualTo(OrderPaymentStatus.REFUNDED);
        Payment payment = paymentOf(late);
        assertThat(payment.refunded()).isEqualTo(payment.captured());
        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("ONE")).sold()).isEqualTo(1);
        assertThat(events).filteredOn(OrderPlaced.class::isInstance).hasSize(1);
    }

    @Test
    void aPaymentApprovedAfterItsHoldLapsedTakesTheStockAgainWhenThereIsSome() throws Exception {
        givenStockedProduct("TWO", "10.00", 2);
        Gate gate = new Gate(1);
        interceptor.beforeAuthorize(gate::pass);
        CompletableFuture<Order> slow = CompletableFuture.supplyAsync(() -> placeDirect(newCustomer(), "TWO", 1, VISA));
        gate.awaitHeld();
        clock.advance(PAYMENT_TIMEOUT.multipliedBy(2).plus(Duration.ofMinutes(1)));

        Order other = placeDirect(newCustomer(), "TWO", 1, VISA);
        gate.open();
        Order late = slow.get(20, TimeUnit.SECONDS);

        assertThat(other.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(late.status()).isEqualTo(OrderStatus.CONFIRMED);
        StockLevel level = commerce.inventory().level(Sku.of("TWO"));
        assertThat(level.sold()).isEqualTo(2);
        assertThat(level.onHand()).isZero();
        assertThat(level.reserved()).isZero();
    }

    /** One unit; a checkout held at the gateway past its hold; another buyer takes the unit; the first is approved. */
    private Order lateApprovalAfterTheUnitWentElsewhere() throws Exception {
        givenStockedProduct("ONE", "10.00", 1);
        Gate gate = new Gate(1);
        interceptor.beforeAuthorize(gate::pass);
        CompletableFuture<Order> slow = CompletableFuture.supplyAsync(() -> placeDirect(newCustomer(), "ONE", 1, VISA));
        gate.awaitHeld();
        clock.advance(PAYMENT_TIMEOUT.multipliedBy(2).plus(Duration.ofMinutes(1)));

        Order other = placeDirect(newCustomer(), "ONE", 1, VISA);
        assertThat(other.status()).isEqualTo(OrderStatus.CONFIRMED);
        gate.open();
        return slow.get(20, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ restocking across refunds

    @Test
    void restockingIsBoundedAcrossRefundsAndAnOverRestockMovesNothing() {
        givenStockedProduct("A", "10.00", 5);
        Order order = capturedOrder(2);

        commerce.backOffice().refund("ann", order.id(), eur("5.00"), Map.of(Sku.of("A"), 2L));
        assertFails(() -> commerce.backOffice().refund("ann", order.id(), eur("5.00"), Map.of(Sku.of("A"), 1L)),
                ErrorCode.VALIDATION, "restock");

        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(paymentOf(order).refunded()).isEqualTo(eur("5.00"));
        assertThat(commerce.inventory().level(Sku.of("A")).onHand()).isEqualTo(5);
        assertThat(commerce.backOffice().get(order.id()).lines().get(0).returned()).isEqualTo(2);
    }

    @Test
    void twoRefundsRacingToRestockTheSameUnitsPutThemBackOnce() throws Exception {
        givenStockedProduct("A", "10.00", 5);
        Order order = capturedOrder(2);
        bothAtTheGateway(Operation.REFUND,
                () -> commerce.backOffice().refund("ann", order.id(), eur("5.00"), Map.of(Sku.of("A"), 2L)),
                () -> commerce.backOffice().refund("bob", order.id(), eur("5.00"), Map.of(Sku.of("A"), 2L)));

        assertThat(paymentOf(order).refunded()).isEqualTo(eur("10.00"));
        assertThat(commerce.inventory().level(Sku.of("A")).onHand()).isEqualTo(5);
        assertThat(commerce.backOffice().get(order.id()).lines().get(0).returned()).isEqualTo(2);
    }

    @Test
    void cancellingAfterARestockingRefundReturnsOnlyTheRest() {
        givenStockedProduct("A", "10.00", 5);
        Order order = capturedOrder(2);
        commerce.backOffice().refund("ann", order.id(), eur("5.00"), Map.of(Sku.of("A"), 1L));

        Order cancelled = commerce.backOffice().cancel("ann", order.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.paymentStatus()).isEqualTo(OrderPaymentStatus.REFUNDED);
        assertThat(paymentOf(order).refunded()).isEqualTo(order.totals().grandTotal());
        assertThat(commerce.inventory().level(Sku.of("A")).onHand()).isEqualTo(5);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).isZero();
        assertThat(cancelled.lines().get(0).returned()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ promotion usage given back

    @Test
    void cancellingAConfirmedOrderGivesItsPromotionUseBack() {
        givenStockedProduct("A", "10.00", 5);
        givenOneUsePromotion();
        CustomerId customer = newCustomer();
        Order first = commerce.checkout().placeOrder(withOnce(customer, VISA, "first"));
        assertThat(commerce.checkout().placeOrder(withOnce(newCustomer(), VISA, "used-up")).totals()
                .discountTotal()).as("a used-up promotion no longer applies").isEqualTo(eur("0.00"));

        commerce.orders().cancel(customer, first.id());

        Order second = commerce.checkout().placeOrder(withOnce(newCustomer(), VISA, "second"));
        assertThat(second.totals().discountTotal()).isEqualTo(eur("1.00"));
    }

    @Test
    void anUnpaidOrderThatExpiresGivesItsPromotionUseBack() {
        givenStockedProduct("A", "10.00", 5);
        givenOneUsePromotion();
        commerce.checkout().placeOrder(withOnce(newCustomer(), SimulatedPaymentGateway.DECLINE, "declined"));
        clock.advance(PAYMENT_TIMEOUT);

        assertThat(commerce.checkout().expireUnpaid()).isEqualTo(1);

        Order second = commerce.checkout().placeOrder(withOnce(newCustomer(), VISA, "second"));
        assertThat(second.totals().discountTotal()).isEqualTo(eur("1.00"));
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(4);
    }

    private void givenOneUsePromotion() {
        commerce.promotions().create(NewPromotion.withCode("ONCE", "Once", new Discount.PercentageOff(BigDecimal.TEN),
                START).withUsageLimit(1));
    }

    private static DirectOrderRequest withOnce(CustomerId customer, String token, String key) {
        return new DirectOrderRequest(Map.of(Sku.of("A"), 1L), List.of("ONCE"), Optional.of(customer),
                Optional.empty(), ADDRESS, Optional.of("standard"), card(token), key);
    }

    // ------------------------------------------------------------------ free orders

    @Test
    void anOrderAFullPromotionMakesFreeIsConfirmedWithoutAPayment() {
        givenStockedProduct("A", "10.00", 5);
        commerce.promotions().create(NewPromotion.withCode("GIFT", "Gift", new Discount.PercentageOff(
                new BigDecimal("100")), START));
        CustomerId customer = newCustomer();
        DirectOrderRequest request = new DirectOrderRequest(Map.of(Sku.of("A"), 2L), List.of("GIFT"),
                Optional.of(customer), Optional.empty(), ADDRESS, Optional.empty(), card(VISA), "free-key");

        Order order = commerce.checkout().placeOrder(request);

        assertThat(order.totals().grandTotal()).isEqualTo(eur("0.00"));
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.paymentStatus()).isEqualTo(OrderPaymentStatus.NOT_REQUIRED);
        assertThat(order.payment()).isEmpty();
        assertThat(gateway.authorizationCount()).isZero();
        assertThat(commerce.orders().payments(customer, order.id())).isEmpty();
        assertThat(commerce.checkout().placeOrder(request)).isEqualTo(order);
        assertThat(commerce.orders().get(customer, order.id())).isEqualTo(order);
        StockLevel level = commerce.inventory().level(Sku.of("A"));
        assertThat(level.sold()).isEqualTo(2);
        assertThat(level.reserved()).isZero();
        assertThat(events).filteredOn(OrderPlaced.class::isInstance).hasSize(1);
        assertFails(() -> commerce.backOffice().capture("ann", order.id(), Optional.empty()),
                ErrorCode.INVALID_TRANSITION, null);
    }

    @Test
    void aFreeOrderCancelsWithoutTheGatewayAndItsStockComesBack() {
        givenStockedProduct("A", "10.00", 5);
        commerce.promotions().create(NewPromotion.withCode("GIFT", "Gift", new Discount.PercentageOff(
                new BigDecimal("100")), START));
        CustomerId customer = newCustomer();
        Order order = commerce.checkout().placeOrder(new DirectOrderRequest(Map.of(Sku.of("A"), 1L),
                List.of("GIFT"), Optional.of(customer), Optional.empty(), ADDRESS, Optional.empty(), card(VISA),
                "free-key"));

        Order cancelled = commerce.orders().cancel(customer, order.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.paymentStatus()).isEqualTo(OrderPaymentStatus.NOT_REQUIRED);
        assertThat(gateway.voidCount() + gateway.refundCount()).isZero();
        assertThat(commerce.inventory().level(Sku.of("A")).onHand()).isEqualTo(5);
    }

    // ------------------------------------------------------------------ whose order it is

    @Test
    void aCustomerSeesTheirOrdersPaymentsAndNobodyElseDoes() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId owner = newCustomer();
        Order declined = placeDirect(owner, "A", 1, SimulatedPaymentGateway.DECLINE);
        payAgain(declined, card(VISA), "second-card");

        assertThat(commerce.orders().payments(owner, declined.id())).extracting(Payment::status)
                .containsExactly(PaymentStatus.DECLINED, PaymentStatus.AUTHORIZED);
        assertFails(() -> commerce.orders().payments(newCustomer(), declined.id()), ErrorCode.FORBIDDEN, null);
    }

    @Test
    void cancellingADeclinedOrderStoresItAnnouncesItAndReleasesItsHold() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId owner = newCustomer();
        Order declined = placeDirect(owner, "A", 2, SimulatedPaymentGateway.DECLINE);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(3);

        Order cancelled = commerce.orders().cancel(owner, declined.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(commerce.orders().get(owner, declined.id())).isEqualTo(cancelled);
        assertThat(events).filteredOn(OrderCancelled.class::isInstance).hasSize(1);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
        assertThat(gateway.voidCount()).isZero();
    }

    @Test
    void anotherCustomerCannotPaySomeonesDeclinedOrder() {
        givenStockedProduct("A", "10.00", 5);
        Order declined = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.DECLINE);

        assertFails(() -> commerce.checkout().pay(CartAccess.customer(newCustomer()), declined.id(), card(VISA),
                "not-mine"), ErrorCode.FORBIDDEN, "orderId");

        assertThat(commerce.backOffice().get(declined.id())).isEqualTo(declined);
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void aGuestPaysTheirDeclinedOrderWithTheSecretOfTheCartItCameFrom() {
        givenStockedProduct("A", "10.00", 5);
        GuestCart guest = commerce.carts().create(EUR);
        commerce.carts().add(guest.access(), guest.id(), Sku.of("A"), 1);
        Order declined = commerce.checkout().placeOrder(CheckoutRequest.forGuest(guest.id(), guest.access(),
                "guest@example.com", ADDRESS, "standard", card(SimulatedPaymentGateway.DECLINE), "guest-key"));
        GuestCart stranger = commerce.carts().create(EUR);

        assertFails(() -> commerce.checkout().pay(stranger.access(), declined.id(), card(VISA), "stranger"),
                ErrorCode.FORBIDDEN, "orderId");
        assertFails(() -> commerce.checkout().pay(CartAccess.customer(newCustomer()), declined.id(), card(VISA),
                "customer"), ErrorCode.FORBIDDEN, "orderId");
        Order paid = commerce.checkout().pay(guest.access(), declined.id(), card(VISA), "guest-retry");

        assertThat(paid.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    /** Runs two calls at once, both held at the gateway's {@code operation} until both have arrived. */
    private void bothAtTheGateway(Operation operation, Supplier<Order> first, Supplier<Order> second)
            throws Exception {
        Gate gate = new Gate(2);
        interceptor.before(operation, gate::pass);
        CompletableFuture<Order> one = CompletableFuture.supplyAsync(first);
        CompletableFuture<Order> two = CompletableFuture.supplyAsync(second);
        gate.awaitHeld();
        gate.open();
        one.get(20, TimeUnit.SECONDS);
        two.get(20, TimeUnit.SECONDS);
    }

    private Order capturedOrder() {
        return capturedOrder(1);
    }

    private Order capturedOrder(long units) {
        Order order = placeDirect(newCustomer(), "A", units, VISA);
        return commerce.backOffice().capture("ann", order.id(), Optional.empty());
    }

    private static Supplier<Object> outcome(Supplier<Order> call) {
        return () -> {
            try {
                return call.get();
            } catch (CommerceException e) {
                return e.code();
            }
        };
    }

    /** Every racer got the one order (as it stood when it answered) or was told to retry. */
    private static void assertOnlyTheOrderOrInProgress(List<Object> outcomes, Order order) {
        for (Object outcome : outcomes) {
            if (outcome instanceof Order answered) {
                assertThat(answered.id()).isEqualTo(order.id());
            } else {
                assertThat(outcome).as("a racer's outcome").isEqualTo(ErrorCode.IN_PROGRESS);
            }
        }
        assertThat(outcomes).anyMatch(Order.class::isInstance);
    }
}
