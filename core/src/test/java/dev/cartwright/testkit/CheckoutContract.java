package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartStatus;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductChanges;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.FulfillmentStatus;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCursor;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.order.PriceChangedException;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.NewPromotion;
import dev.cartwright.pricing.Promotion;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link dev.cartwright.order.Checkout} over any store: re-pricing, all-or-nothing stock,
 * idempotent retries that charge once, declines, expiry and recovery.
 */
public abstract class CheckoutContract extends OrderFixtures {

    private static final String VISA = SimulatedPaymentGateway.VISA;

    /**
     * Asserts how the units of an order that waits for its payment are taken: in the orders' own store, they are
     * sold to it when it is placed.
     *
     * @param level the SKU's stock
     * @param units the units the order took
     */
    protected void assertTakenByAnUnpaidOrder(StockLevel level, long units) {
        assertThat(level.sold()).as("sold to the order while it waits for a payment").isEqualTo(units);
        assertThat(level.reserved()).isZero();
    }

    @Test
    void placesAPaidOrderFromACartWithSnapshotLinesAndExactTotals() {
        givenStockedProduct("A", "10.00", 5);
        givenStockedProduct("B", "5.00", 5);
        CustomerId customer = newCustomer();
        Cart cart = cartOf(customer, "A", 2L, "B", 1L);

        Order order = commerce.checkout().placeOrder(checkoutOf(cart, customer, VISA, "k1"));

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.paymentStatus()).isEqualTo(OrderPaymentStatus.AUTHORIZED);
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.UNFULFILLED);
        assertThat(order.lines()).extracting(OrderLine::sku).containsExactly(Sku.of("A"), Sku.of("B"));
        assertThat(order.totals().subtotal()).isEqualTo(eur("25.00"));
        assertThat(order.totals().taxTotal()).isEqualTo(eur("5.68"));
        assertThat(order.totals().shipping()).isEqualTo(eur("4.90"));
        assertThat(order.totals().grandTotal()).isEqualTo(eur("35.58"));
        assertThat(paymentOf(order).authorized()).isEqualTo(eur("35.58"));
        assertThat(commerce.carts().get(ownerOf(cart), cart.id()).status()).isEqualTo(CartStatus.CHECKED_OUT);
        StockLevel a = commerce.inventory().level(Sku.of("A"));
        assertThat(a.onHand()).isEqualTo(3);
        assertThat(a.sold()).isEqualTo(2);
        assertThat(a.reserved()).isZero();
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(commerce.orders().get(customer, order.id())).isEqualTo(order);
    }

    @Test
    void capturesAtCheckoutWhenConfigured() {
        commerce = configure(Commerce.builder().store(store).clock(clock)).captureOnCheckout(true)
                .build();
        givenStockedProduct("A", "10.00", 5);
        Order order = placeDirect(newCustomer(), "A", 1, VISA);
        assertThat(order.paymentStatus()).isEqualTo(OrderPaymentStatus.CAPTURED);
        assertThat(paymentOf(order).captured()).isEqualTo(order.totals().grandTotal());
    }

    @Test
    void thirtyTwoBuyersOfTheLastTenUnitsSellExactlyTen() throws Exception {
        givenStockedProduct("LAST", "3.00", 10);
        List<Object> outcomes = Contracts.race(32, i -> () -> {
            try {
                return placeDirect(newCustomer(), "LAST", 1, VISA);
            } catch (CommerceException e) {
                return e.code();
            }
        });

        assertThat(outcomes.stream().filter(Order.class::isInstance).count()).isEqualTo(10);
        assertThat(outcomes.stream().filter(ErrorCode.INSUFFICIENT_STOCK::equals).count()).isEqualTo(22);
        StockLevel level = commerce.inventory().level(Sku.of("LAST"));
        assertThat(level.onHand()).isZero();
        assertThat(level.available()).isZero();
        assertThat(level.sold()).isEqualTo(10);
        assertThat(gateway.authorizationCount()).isEqualTo(10);
    }

    @Test
    void concurrentBuyersOfTheSameSkusAllSucceedAndStockIsConserved() throws Exception {
        List<String> skus = List.of("P", "Q", "R", "S");
        for (String sku : skus) {
            givenStockedProduct(sku, "2.00", 1_000);
        }
        List<Object> outcomes = Contracts.race(16, i -> () -> {
            Map<Sku, Long> quantities = new LinkedHashMap<>();
            for (int k = 0; k < skus.size(); k++) {
                quantities.put(Sku.of(skus.get((i + k) % skus.size())), 1L);
            }
            try {
                return commerce.checkout().placeOrder(new DirectOrderRequest(quantities, List.of(),
                        Optional.of(newCustomer()), Optional.empty(), ADDRESS, Optional.of("standard"), card(VISA),
                        "many-" + i));
            } catch (CommerceException e) {
                return e.code();
            }
        });

        assertThat(outcomes).allMatch(Order.class::isInstance);
        for (String sku : skus) {
            StockLevel level = commerce.inventory().level(Sku.of(sku));
            assertThat(level.sold()).isEqualTo(16);
            assertThat(level.onHand() + level.sold()).isEqualTo(1_000);
        }
    }

    @Test
    void aShortLineReservesNothing() {
        givenStockedProduct("A", "1.00", 5);
        givenStockedProduct("B", "1.00", 1);
        CustomerId customer = newCustomer();
        Cart cart = cartOf(customer, "A", 2L, "B", 2L);

        assertFails(() -> commerce.checkout().placeOrder(checkoutOf(cart, customer, VISA, "k")),
                ErrorCode.INSUFFICIENT_STOCK, "sku");

        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
        assertThat(commerce.carts().get(ownerOf(cart), cart.id()).status()).isEqualTo(CartStatus.ACTIVE);
        assertThat(commerce.orders().list(customer, Optional.empty(), 10)).isEmpty();
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void aRetriedCheckoutIsOneOrderAndOneAuthorization() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Cart cart = cartOf(customer, "A", 1L);
        CheckoutRequest request = checkoutOf(cart, customer, VISA, "same-key");

        Set<Object> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ids.add(commerce.checkout().placeOrder(request).id());
        }

        assertThat(ids).hasSize(1);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).isEqualTo(1);
    }

    @Test
    void aCheckoutRetriedConcurrentlyIsOneOrderAndOneAuthorization() throws Exception {
        givenStockedProduct("A", "10.00", 50);
        CustomerId customer = newCustomer();
        DirectOrderRequest request = direct(customer, "A", 2, VISA, "concurrent-key");

        List<Object> outcomes = Contracts.race(16, i -> () -> {
            try {
                return commerce.checkout().placeOrder(request);
            } catch (CommerceException e) {
                return e.code();
            }
        });

        // A retry that arrives while the original is at the gateway is told to retry; then it gets the order.
        assertThat(outcomes).allMatch(outcome -> outcome instanceof Order || outcome == ErrorCode.IN_PROGRESS);
        List<Order> orders = new ArrayList<>(outcomes.stream().filter(Order.class::isInstance).map(Order.class::cast)
                .toList());
        orders.add(commerce.checkout().placeOrder(request));
        assertThat(orders.stream().map(Order::id).collect(Collectors.toSet())).hasSize(1);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).isEqualTo(2);
        assertThat(commerce.orders().get(customer, orders.get(0).id()).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(commerce.orders().list(customer, Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void theSameKeyForAnotherRequestConflictsAndChangesNothing() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order first = commerce.checkout().placeOrder(direct(customer, "A", 1, VISA, "key"));

        assertFails(() -> commerce.checkout().placeOrder(direct(customer, "A", 2, VISA, "key")),
                ErrorCode.CONFLICT, "idempotencyKey");

        assertThat(commerce.orders().list(customer, Optional.empty(), 10)).containsExactly(first);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).isEqualTo(1);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    @Test
    void aTimedOutAuthorizationIsChargedOnceAfterRecovery() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        DirectOrderRequest request = direct(customer, "A", 1, SimulatedPaymentGateway.TIMEOUT_THEN_OK, "t1");

        assertFails(() -> commerce.checkout().placeOrder(request), ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        Order pending = commerce.orders().list(customer, Optional.empty(), 1).get(0);
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(pending.paymentStatus()).isEqualTo(OrderPaymentStatus.PENDING);

        assertThat(commerce.checkout().recover()).isEqualTo(1);

        Order recovered = commerce.orders().get(customer, pending.id());
        assertThat(recovered.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(paymentOf(recovered).status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(commerce.checkout().placeOrder(request)).isEqualTo(recovered);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).isEqualTo(1);
    }

    @Test
    void aTimedOutAuthorizationIsChargedOnceWhenTheClientRetries() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        DirectOrderRequest request = direct(customer, "A", 1, SimulatedPaymentGateway.TIMEOUT_THEN_OK, "t2");
        assertFails(() -> commerce.checkout().placeOrder(request), ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);

        Order order = commerce.checkout().placeOrder(request);

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(commerce.checkout().recover()).isZero();
    }

    @Test
    void aDeclinedOrderKeepsItsStockUntilItExpires() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();

        Order declined = placeDirect(customer, "A", 2, SimulatedPaymentGateway.DECLINE);

        assertThat(declined.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(declined.paymentStatus()).isEqualTo(OrderPaymentStatus.DECLINED);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(3);
        assertThat(gateway.captureCount()).isZero();

        clock.advance(PAYMENT_TIMEOUT.minusSeconds(1));
        assertThat(commerce.checkout().expireUnpaid()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(commerce.checkout().expireUnpaid()).isEqualTo(1);

        Order expired = commerce.orders().get(customer, declined.id());
        assertThat(expired.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(expired.history()).last().satisfies(entry -> assertThat(entry.actor()).isEqualTo("system"));
        StockLevel level = commerce.inventory().level(Sku.of("A"));
        assertThat(level.available()).isEqualTo(5);
        assertThat(level.sold()).isZero();
        assertThat(commerce.checkout().expireUnpaid()).isZero();
        assertFails(() -> payAgain(declined, card(VISA), "late"), ErrorCode.INVALID_TRANSITION,
                null);
    }

    @Test
    void aDeclinedOrderKeepsItsUnitsAllocatedUntilTheSweepExpiresItWhichGivesThemBackOnce() {
        givenStockedProduct("A", "10.00", 2);
        CustomerId customer = newCustomer();
        Order declined = placeDirect(customer, "A", 2, SimulatedPaymentGateway.DECLINE);
        StockLevel allocated = commerce.inventory().level(Sku.of("A"));
        assertTakenByAnUnpaidOrder(allocated, 2);
        assertThat(allocated.available()).isZero();

        clock.advance(PAYMENT_TIMEOUT.multipliedBy(2).plus(Duration.ofMinutes(1)));
        assertFails(() -> placeDirect(newCustomer(), "A", 1, VISA), ErrorCode.INSUFFICIENT_STOCK, "sku");
        assertThat(commerce.inventory().level(Sku.of("A"))).as("no hold lapsed before the sweep").isEqualTo(allocated);

        assertThat(commerce.checkout().expireUnpaid()).isEqualTo(1);
        StockLevel returned = commerce.inventory().level(Sku.of("A"));
        assertThat(returned.sold()).isZero();
        assertThat(returned.onHand()).isEqualTo(2);
        Order expired = commerce.orders().get(customer, declined.id());
        assertThat(expired.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(expired.lines()).extracting(OrderLine::returned).containsExactly(2L);
        Order next = placeDirect(newCustomer(), "A", 2, VISA);
        assertThat(next.status()).isEqualTo(OrderStatus.CONFIRMED);

        assertThat(commerce.checkout().expireUnpaid()).isZero();

        StockLevel level = commerce.inventory().level(Sku.of("A"));
        assertThat(level.sold()).as("the next buyer's units stay sold").isEqualTo(2);
        assertThat(level.onHand()).isZero();
        assertThat(commerce.orders().get(customer, declined.id())).isEqualTo(expired);
    }

    @Test
    void aDeclinedOrderCancelledByItsCustomerReleasesItsStock() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order declined = placeDirect(customer, "A", 2, SimulatedPaymentGateway.DECLINE);

        Order cancelled = commerce.orders().cancel(customer, declined.id());

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
        assertThat(gateway.captureCount()).isZero();
    }

    @Test
    void aDeclinedOrderCanBePaidWithAnotherCardOnce() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order declined = placeDirect(customer, "A", 1, SimulatedPaymentGateway.INSUFFICIENT_FUNDS);

        Order paid = payAgain(declined, card(VISA), "retry-1");
        Order again = payAgain(declined, card(VISA), "retry-1");

        assertThat(paid.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(again).isEqualTo(paid);
        assertThat(paid.paymentId()).isNotEqualTo(declined.paymentId());
        assertThat(commerce.payments().findByReference(paid.id().toString())).extracting(p -> p.status())
                .containsExactly(PaymentStatus.DECLINED, PaymentStatus.AUTHORIZED);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).isEqualTo(1);
        assertFails(() -> payAgain(paid, card(VISA), "retry-2"), ErrorCode.INVALID_TRANSITION,
                null);
    }

    @Test
    void aChangedPriceFailsUnlessAcceptedAndNamesTheSku() {
        Product a = givenStockedProduct("A", "10.00", 5);
        givenStockedProduct("B", "5.00", 5);
        CustomerId customer = newCustomer();
        Cart cart = cartOf(customer, "A", 1L, "B", 1L);
        commerce.catalog().update(a.id(), ProductChanges.none().withPrice(eur("12.00")));

        assertThatThrownBy(() -> commerce.checkout().placeOrder(checkoutOf(cart, customer, VISA, "p1")))
                .isInstanceOfSatisfying(PriceChangedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.skus()).containsExactly(Sku.of("A"));
                    assertThat(e.getMessage()).contains("A");
                });
        assertThat(commerce.carts().get(ownerOf(cart), cart.id()).status()).isEqualTo(CartStatus.ACTIVE);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
        assertThat(gateway.authorizationCount()).isZero();

        Order order = commerce.checkout().placeOrder(checkoutOf(cart, customer, VISA, "p2").acceptingPriceChanges());
        assertThat(order.lines().get(0).unitPrice()).isEqualTo(eur("12.00"));
        assertThat(order.totals().subtotal()).isEqualTo(eur("17.00"));
    }

    @Test
    void aGuestChecksOutWithAnEmailAndCannotUseACustomersCart() {
        givenStockedProduct("A", "10.00", 5);
        GuestCart guest = commerce.carts().create(EUR);
        Cart guestCart = commerce.carts().add(guest.access(), guest.id(), Sku.of("A"), 1);
        Order order = commerce.checkout().placeOrder(CheckoutRequest.forGuest(guestCart.id(), guest.access(),
                "guest@example.com", ADDRESS, "standard", card(VISA), "g1"));
        assertThat(order.customerId()).isEmpty();
        assertThat(order.email()).contains("guest@example.com");
        assertThat(order.history().get(0).actor()).isEqualTo("guest");

        CustomerId owner = newCustomer();
        Cart owned = cartOf(owner, "A", 1L);
        assertFails(() -> commerce.checkout().placeOrder(CheckoutRequest.forGuest(owned.id(), guest.access(),
                "x@example.com", ADDRESS, "standard", card(VISA), "g2")), ErrorCode.FORBIDDEN, null);
        assertFails(() -> commerce.checkout().placeOrder(checkoutOf(owned, newCustomer(), VISA, "g3")),
                ErrorCode.FORBIDDEN, null);
        assertThat(commerce.carts().get(ownerOf(owned), owned.id()).status()).isEqualTo(CartStatus.ACTIVE);
    }

    @Test
    void aGuestCheckoutWithAWrongSecretIsForbiddenAndItsReplayGetsNoOrder() {
        givenStockedProduct("A", "10.00", 5);
        GuestCart guest = commerce.carts().create(EUR);
        Cart cart = commerce.carts().add(guest.access(), guest.id(), Sku.of("A"), 1);
        CartAccess.Guest wrong = commerce.carts().create(EUR).access();

        assertFails(() -> commerce.checkout().placeOrder(CheckoutRequest.forGuest(cart.id(), wrong,
                "guest@example.com", ADDRESS, "standard", card(VISA), "w1")), ErrorCode.FORBIDDEN, "cartId");
        assertThat(commerce.carts().get(guest.access(), cart.id())).isEqualTo(cart);
        assertThat(gateway.authorizationCount()).isZero();

        commerce.checkout().placeOrder(CheckoutRequest.forGuest(cart.id(), guest.access(), "guest@example.com",
                ADDRESS, "standard", card(VISA), "w2"));
        assertFails(() -> commerce.checkout().placeOrder(CheckoutRequest.forGuest(cart.id(), wrong,
                "guest@example.com", ADDRESS, "standard", card(VISA), "w2")), ErrorCode.CONFLICT, "idempotencyKey");
    }

    @Test
    void invalidRequestsFailBeforeAnythingIsWritten() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Cart empty = commerce.carts().createFor(customer, EUR);
        assertThatThrownBy(() -> commerce.checkout().placeOrder(checkoutOf(empty, customer, VISA, "e1")))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.field()).contains("lines");
                    assertThat(e.getMessage()).as("names the empty cart").contains("cart " + empty.id() + " is empty");
                });
        assertFails(() -> commerce.checkout().placeOrder(new DirectOrderRequest(Map.of(Sku.of("A"), 1L), List.of(),
                Optional.empty(), Optional.empty(), ADDRESS, Optional.empty(), card(VISA), "e2")),
                ErrorCode.VALIDATION, "email");
        assertFails(() -> commerce.checkout().placeOrder(new DirectOrderRequest(Map.of(Sku.of("A"), 1L), List.of(),
                Optional.of(customer), Optional.empty(), ADDRESS, Optional.of("teleport"), card(VISA), "e3")),
                ErrorCode.VALIDATION, "shippingOption");
        assertFails(() -> commerce.checkout().placeOrder(direct(customer, "NOPE", 1, VISA, "e4")),
                ErrorCode.NOT_FOUND, "sku");
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void promotionsAreRedeemedUnderTheOrderIdWithinTheirLimit() {
        givenStockedProduct("A", "10.00", 10);
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("SAVE10", "Ten percent",
                        new Discount.PercentageOff(new BigDecimal("10")), START)
                        .withUsageLimit(1));
        CustomerId first = newCustomer();
        CustomerId second = newCustomer();
        Cart firstCart = commerce.carts().applyPromotionCode(CartAccess.customer(first), cartOf(first, "A", 2L).id(),
                "save10");
        Cart secondCart = commerce.carts().applyPromotionCode(CartAccess.customer(second), cartOf(second, "A", 2L).id(),
                "SAVE10");

        Order discounted = commerce.checkout().placeOrder(checkoutOf(firstCart, first, VISA, "d1"));
        Order full = commerce.checkout().placeOrder(checkoutOf(secondCart, second, VISA, "d2"));

        assertThat(discounted.totals().discountTotal()).isEqualTo(eur("2.00"));
        assertThat(discounted.lines().get(0).discount()).isEqualTo(eur("2.00"));
        assertThat(discounted.totals().grandTotal()).isEqualTo(eur("27.25"));
        assertThat(full.totals().discountTotal()).isEqualTo(eur("0.00"));
        store.inTransaction(transaction -> {
            assertThat(transaction.promotions().isRedeemed(promotion.id(), discounted.id().toString())).isTrue();
            assertThat(transaction.promotions().findById(promotion.id()).orElseThrow().timesUsed()).isEqualTo(1);
            return null;
        });
    }

    @Test
    void anOrderWhoseGatewayNeverAnsweredIsFailedAndCancelledAtExpiry() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        assertFails(() -> placeDirect(customer, "A", 2, SimulatedPaymentGateway.FAIL),
                ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        Order pending = commerce.orders().list(customer, Optional.empty(), 1).get(0);
        assertThat(commerce.checkout().recover()).isZero();

        clock.advance(PAYMENT_TIMEOUT);
        assertThat(commerce.checkout().expireUnpaid()).isEqualTo(1);

        Order expired = commerce.orders().get(customer, pending.id());
        assertThat(expired.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(expired.paymentStatus()).isEqualTo(OrderPaymentStatus.FAILED);
        assertThat(paymentOf(expired).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void aPaymentApprovedAfterItsOrderExpiredIsGivenBack() {
        SimulatedPaymentGateway simulator = new SimulatedPaymentGateway();
        InterceptingGateway slow = new InterceptingGateway(simulator);
        commerce = configure(Commerce.builder().store(store).clock(clock)).paymentGateway(slow).build();
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order declined = placeDirect(customer, "A", 1, SimulatedPaymentGateway.DECLINE);
        slow.beforeAuthorize(() -> {
            clock.advance(PAYMENT_TIMEOUT);
            assertThat(commerce.checkout().expireUnpaid()).isEqualTo(1);
        });

        Order order = payAgain(declined, card(VISA), "late");

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(paymentOf(order).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(simulator.authorizationCount()).isEqualTo(1);
        assertThat(simulator.voidCount()).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
    }

    @Test
    void aCapturedPaymentApprovedAfterItsOrderExpiredIsRefunded() {
        SimulatedPaymentGateway simulator = new SimulatedPaymentGateway();
        InterceptingGateway slow = new InterceptingGateway(simulator);
        commerce = configure(Commerce.builder().store(store).clock(clock)).paymentGateway(slow)
                .captureOnCheckout(true).build();
        givenStockedProduct("A", "10.00", 5);
        Order declined = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.DECLINE);
        slow.beforeAuthorize(() -> {
            clock.advance(PAYMENT_TIMEOUT);
            assertThat(commerce.checkout().expireUnpaid()).isEqualTo(1);
        });

        Order order = payAgain(declined, card(VISA), "late");

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(simulator.refundCount()).isEqualTo(1);
        assertThat(simulator.voidCount()).isZero();
    }

    @Test
    void aCheckoutOfACartThatDoesNotExistIsNotFound() {
        CustomerId customer = newCustomer();

        assertFails(() -> commerce.checkout().placeOrder(CheckoutRequest.forCustomer(
                new dev.cartwright.cart.CartId(java.util.UUID.randomUUID()), customer, ADDRESS, "standard", card(VISA),
                "no-cart")), ErrorCode.NOT_FOUND, null);
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void aCartWhoseProductWasArchivedOrRepricedInAnotherCurrencyIsNotCheckedOut() {
        Product archived = givenStockedProduct("A", "10.00", 5);
        Product repriced = givenStockedProduct("B", "10.00", 5);
        CustomerId customer = newCustomer();
        Cart withA = cartOf(customer, "A", 1L);
        CustomerId other = newCustomer();
        Cart withB = cartOf(other, "B", 1L);
        commerce.catalog().archive(archived.id());
        commerce.catalog().update(repriced.id(), ProductChanges.none().withPrice(
                Money.of("10.00", "USD")));

        assertFails(() -> commerce.checkout().placeOrder(checkoutOf(withA, customer, VISA, "archived")),
                ErrorCode.NOT_FOUND, "sku");
        assertFails(() -> commerce.checkout().placeOrder(checkoutOf(withB, other, VISA, "repriced")),
                ErrorCode.CURRENCY_MISMATCH, null);
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void aPromotionLimitedPerCustomerAppliesToEachCustomerThatManyTimesAndIsThenRefused() {
        givenStockedProduct("A", "10.00", 10);
        Promotion each = commerce.promotions().create(NewPromotion.withCode("EACH", "Once each",
                new Discount.PercentageOff(new BigDecimal("10")), START).withPerCustomerLimit(1));
        CustomerId ann = newCustomer();

        Order first = commerce.checkout().placeOrder(withCode(Optional.of(ann), "each-1"));
        assertThatThrownBy(() -> commerce.checkout().placeOrder(withCodes(Optional.of(ann), "each-2", "each")))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                    assertThat(e.field()).contains("promotionCodes[0]");
                    assertThat(e.getMessage()).isEqualTo("promotion EACH has been used up by this customer");
                });
        Order bob = commerce.checkout().placeOrder(withCode(Optional.of(newCustomer()), "each-3"));
        Order guest = commerce.checkout().placeOrder(withCode(Optional.empty(), "each-4"));

        assertThat(first.totals().discountTotal()).isEqualTo(eur("1.00"));
        assertThat(bob.totals().discountTotal()).isEqualTo(eur("1.00"));
        assertThat(guest.totals().discountTotal()).isEqualTo(eur("1.00"));
        assertThat(commerce.orders().list(ann, Optional.empty(), 10)).containsExactly(first);
        assertThat(commerce.promotions().timesUsedBy(each.id(), ann)).isEqualTo(1);
        assertThat(commerce.inventory().level(Sku.of("A")).sold()).isEqualTo(3);
        assertThat(commerce.checkout().placeOrder(withCode(Optional.of(ann), "each-1")))
                .as("a retry of the order that used the customer's last use answers that order").isEqualTo(first);
    }

    @Test
    void aDirectOrdersCodeThatDoesNotApplyIsRefusedNamingItsIndexAndNothingIsWritten() {
        givenStockedProduct("A", "10.00", 5);
        Promotion welcome = commerce.promotions().create(NewPromotion.withCode("WELCOME", "Welcome",
                new Discount.PercentageOff(new BigDecimal("10")), START));
        Map<String, NewPromotion> refused = new LinkedHashMap<>();
        refused.put("has ended", NewPromotion.withCode("EXPIRED", "Expired", new Discount.PercentageOff(
                new BigDecimal("10")), START.minus(Duration.ofDays(10))).withValidUntil(START.minus(Duration.ofDays(1))));
        refused.put("has not started yet", NewPromotion.withCode("LATER", "Later", new Discount.PercentageOff(
                new BigDecimal("10")), START.plus(Duration.ofDays(1))));
        refused.put("needs a subtotal of at least " + eur("50.00"), NewPromotion.withCode("BIG", "Big spender",
                new Discount.PercentageOff(new BigDecimal("10")), START).withMinimumSubtotal(eur("50.00")));
        refused.put("applies only to orders in USD", NewPromotion.withCode("DOLLARS", "Dollars off",
                new Discount.AmountOff(Money.of("5.00", "USD")), START));
        CustomerId customer = newCustomer();
        StockLevel stock = commerce.inventory().level(Sku.of("A"));

        refused.forEach((reason, promotion) -> {
            Promotion created = commerce.promotions().create(promotion);
            String code = created.code().orElseThrow();
            assertThatThrownBy(() -> commerce.checkout().placeOrder(withCodes(Optional.of(customer), "k-" + code,
                    "welcome", code.toLowerCase(Locale.ROOT))))
                    .isInstanceOfSatisfying(CommerceException.class, e -> {
                        assertThat(e.code()).as(code).isEqualTo(ErrorCode.PROMOTION_NOT_APPLICABLE);
                        assertThat(e.field()).as(code).contains("promotionCodes[1]");
                        assertThat(e.getMessage()).as(code).isEqualTo("promotion " + code + " " + reason);
                    });
            assertThat(commerce.promotions().get(created.id()).timesUsed()).as(code).isZero();
        });

        assertThat(commerce.orders().list(customer, Optional.empty(), 10)).isEmpty();
        assertThat(commerce.inventory().level(Sku.of("A"))).isEqualTo(stock);
        assertThat(commerce.promotions().get(welcome.id()).timesUsed()).isZero();
        assertThat(gateway.authorizationCount()).isZero();
        Order discounted = commerce.checkout().placeOrder(withCodes(Optional.of(customer), "k-welcome", "welcome"));
        assertThat(discounted.totals().discountTotal()).as("a code that applies still does").isEqualTo(eur("1.00"));
        assertThat(commerce.promotions().get(welcome.id()).timesUsed()).isEqualTo(1);
    }

    @Test
    void aDirectOrdersUnknownCodeIsNotFoundNamingItsIndexAndNothingIsWritten() {
        givenStockedProduct("A", "10.00", 5);
        commerce.promotions().create(NewPromotion.withCode("WELCOME", "Welcome",
                new Discount.PercentageOff(new BigDecimal("10")), START));
        CustomerId customer = newCustomer();

        assertThatThrownBy(() -> commerce.checkout().placeOrder(withCodes(Optional.of(customer), "unknown",
                "WELCOME", "NO-SUCH-CODE"))).isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.field()).contains("promotionCodes[1]");
                    assertThat(e.getMessage()).isEqualTo("promotion code not found: NO-SUCH-CODE");
                });

        assertThat(commerce.orders().list(customer, Optional.empty(), 10)).isEmpty();
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
        assertThat(commerce.promotions().findByCode("WELCOME").orElseThrow().timesUsed()).isZero();
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void aRetryOfADirectOrderThatTookACodesLastUseAnswersThatOrder() {
        givenStockedProduct("A", "10.00", 5);
        commerce.promotions().create(NewPromotion.withCode("ONCE", "Once",
                new Discount.PercentageOff(new BigDecimal("10")), START).withUsageLimit(1));
        DirectOrderRequest request = withCodes(Optional.of(newCustomer()), "last-use", "once");

        Order order = commerce.checkout().placeOrder(request);

        assertThat(order.totals().discountTotal()).isEqualTo(eur("1.00"));
        assertThat(commerce.checkout().placeOrder(request)).isEqualTo(order);
        assertFails(() -> commerce.checkout().placeOrder(withCodes(Optional.of(newCustomer()), "another", "ONCE")),
                ErrorCode.PROMOTION_NOT_APPLICABLE, "promotionCodes[0]");
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    private static DirectOrderRequest withCode(Optional<CustomerId> customer, String key) {
        return withCodes(customer, key, "EACH");
    }

    private static DirectOrderRequest withCodes(Optional<CustomerId> customer, String key, String... codes) {
        return new DirectOrderRequest(Map.of(Sku.of("A"), 1L), List.of(codes), customer,
                customer.isPresent() ? Optional.empty() : Optional.of("guest@example.com"), ADDRESS,
                Optional.of("standard"), card(VISA), key);
    }

    @Test
    void ordersAreListedNewestFirstPageByPage() {
        givenStockedProduct("A", "1.00", 50);
        CustomerId customer = newCustomer();
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(placeDirect(customer, "A", 1, VISA));
            clock.advance(Duration.ofSeconds(1));
        }
        placeDirect(newCustomer(), "A", 1, VISA);

        List<Order> firstPage = commerce.orders().list(customer, Optional.empty(), 2);
        List<Order> rest = commerce.orders().list(customer,
                Optional.of(OrderCursor.after(firstPage.get(1))), 10);

        assertThat(firstPage).extracting(Order::id).containsExactly(placed.get(4).id(), placed.get(3).id());
        assertThat(rest).extracting(Order::id)
                .containsExactly(placed.get(2).id(), placed.get(1).id(), placed.get(0).id());
    }
}
