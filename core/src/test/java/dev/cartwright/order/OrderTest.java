package dev.cartwright.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.cart.CartAccess;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.money.Money;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.store.SecretTokens;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Actor STAFF = new Actor.Staff("x");
    private static final Sku A = Sku.of("A");

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static OrderLine line() {
        return new OrderLine(A, new ProductId(UUID.randomUUID()), "A", eur("10.00"), 2, eur("20.00"), eur("2.00"),
                eur("3.42"), eur("21.42"), new ReservationId(UUID.randomUUID()));
    }

    private static OrderTotals totals(String grand) {
        return new OrderTotals(eur("20.00"), eur("2.00"), eur("4.35"), eur("4.90"), eur("0.93"), eur(grand), false);
    }

    private static Order order(OrderTotals totals) {
        return order(List.of(line()), totals);
    }

    private static Order order(List<OrderLine> lines, OrderTotals totals) {
        return order(Optional.empty(), Optional.empty(), lines, totals, OrderPaymentStatus.PENDING,
                Optional.of(new PaymentId(UUID.randomUUID())));
    }

    private static Order order(Optional<CustomerId> customer, Optional<String> guestSecretHash,
            List<OrderLine> lines, OrderTotals totals, OrderPaymentStatus paymentStatus,
            Optional<PaymentId> payment) {
        return new Order(new OrderId(UUID.randomUUID()), customer, Optional.of("a@b.de"), guestSecretHash, EUR,
                lines,
                totals, Address.of("Ada", "Main 1", "Berlin", "10115", "DE"), Optional.of("standard"), "key", "print",
                OrderStatus.PENDING_PAYMENT, paymentStatus, FulfillmentStatus.UNFULFILLED,
                payment, List.of(),
                List.of(new OrderTransition("NEW", "PENDING_PAYMENT", NOW, "guest")), 1, NOW, NOW.plusSeconds(1800));
    }

    private static Order guestOrder(Optional<String> guestSecretHash) {
        return order(Optional.empty(), guestSecretHash, List.of(line()), totals("27.25"), OrderPaymentStatus.PENDING,
                Optional.of(new PaymentId(UUID.randomUUID())));
    }

    private static Order customerOrder(CustomerId customer) {
        return order(Optional.of(customer), Optional.empty(), List.of(line()), totals("27.25"),
                OrderPaymentStatus.PENDING, Optional.of(new PaymentId(UUID.randomUUID())));
    }

    private static OrderLine line(Sku sku, Money unitPrice, long quantity, Money discount, Money tax, Money total) {
        return new OrderLine(sku, new ProductId(UUID.randomUUID()), sku.value(), unitPrice, quantity,
                unitPrice.times(quantity), discount, tax, total, new ReservationId(UUID.randomUUID()));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CommerceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.field()).contains(field);
        });
    }

    @Test
    void totalsMustBeExactlyLinesLessDiscountsPlusTaxPlusShipping() {
        assertThat(order(totals("27.25")).totals().grandTotal()).isEqualTo(eur("27.25"));
        assertThatThrownBy(() -> order(totals("27.26"))).isInstanceOfSatisfying(CommerceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.field()).contains("grandTotal");
        });
        assertThatThrownBy(() -> order(new OrderTotals(eur("20.00"), eur("2.00"), eur("4.34"), eur("4.90"),
                eur("0.93"), eur("27.24"), false))).isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.field()).contains("taxTotal"));
    }

    @Test
    void transitionsAreDataAndOthersFailLeavingTheOrderAsItWas() {
        Order order = order(totals("27.25"));
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(from.canMoveTo(to)).isEqualTo(OrderStatus.allowedTransitions().get(from).contains(to));
            }
        }
        assertThatThrownBy(() -> order.moveTo(OrderStatus.COMPLETED, NOW, STAFF))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        Order cancelled = order.moveTo(OrderStatus.CANCELLED, NOW, STAFF);
        assertThat(cancelled.version()).isEqualTo(2);
        assertThat(cancelled.history()).hasSize(2);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.history()).hasSize(1);
        assertThatThrownBy(() -> cancelled.moveTo(OrderStatus.CONFIRMED, NOW, STAFF))
                .isInstanceOf(CommerceException.class);
        assertThatThrownBy(() -> OrderStatus.allowedTransitions().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shippingCountsUnitsAndRefusesMoreThanOrdered() {
        Order confirmed = order(totals("27.25")).moveTo(OrderStatus.CONFIRMED, NOW, Actor.system());
        Order partly = confirmed.ship(new Shipment(Map.of(A, 1L), "DHL", "T1", NOW), STAFF);
        assertThat(partly.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PARTIALLY_FULFILLED);
        assertThatThrownBy(() -> partly.ship(new Shipment(Map.of(A, 2L), "DHL", "T2", NOW), STAFF))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.field()).contains("quantities"));
        Order full = partly.ship(new Shipment(Map.of(A, 1L), "DHL", "T2", NOW), STAFF);
        assertThat(full.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FULFILLED);
        Order delivered = full.deliver(NOW, STAFF);
        assertThat(delivered.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(delivered.fulfillmentStatus()).isEqualTo(FulfillmentStatus.DELIVERED);
        assertThat(delivered.version()).isEqualTo(full.version() + 1);
    }

    @Test
    void addressesAreValidatedAndGiveTheDestination() {
        assertThatThrownBy(() -> Address.of("Ada", "Main 1", "Berlin", "10115", "de"))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("country"));
        assertThatThrownBy(() -> Address.of(" ", "Main 1", "Berlin", "10115", "DE"))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("name"));
        assertThat(new Address("Ada", "Main 1", "", "Austin", "78701", "US", Optional.of("TX")).destination().region())
                .contains("TX");
    }

    @Test
    void checkoutSettingsBoundThePaymentWindow() {
        assertThat(CheckoutSettings.defaults().orderPaymentTimeout()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThatThrownBy(() -> CheckoutSettings.defaults().withOrderPaymentTimeout(java.time.Duration.ofSeconds(59)))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.field()).contains("orderPaymentTimeout"));
        assertThatThrownBy(() -> CheckoutSettings.defaults().withOrderPaymentTimeout(java.time.Duration.ofDays(15)))
                .isInstanceOf(CommerceException.class);
    }

    @Test
    void aGuestSecretHashIsAHexSha256OnAGuestsOrderOnly() {
        String hash = SecretTokens.hash(SecretTokens.newToken());

        assertThat(guestOrder(Optional.of(hash)).guestSecretHash()).contains(hash);
        assertInvalid(() -> guestOrder(Optional.of("not-a-hash")), "guestSecretHash");
        assertInvalid(() -> order(Optional.of(new CustomerId(UUID.randomUUID())), Optional.of(hash), List.of(line()),
                totals("27.25"), OrderPaymentStatus.PENDING, Optional.of(new PaymentId(UUID.randomUUID()))),
                "guestSecretHash");
    }

    @Test
    void linesMustBeThereEachSkuOnce() {
        assertInvalid(() -> order(List.of(), totals("27.25")), "lines");
        OrderLine half = line(A, eur("5.00"), 2, eur("1.00"), eur("1.71"), eur("10.71"));
        OrderLine otherHalf = line(A, eur("5.00"), 2, eur("1.00"), eur("1.71"), eur("10.71"));
        assertThatThrownBy(() -> order(List.of(half, otherHalf), totals("27.25")))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.field()).contains("lines");
                    assertThat(e.getMessage()).contains("twice");
                });
    }

    @Test
    void aPaymentIsAbsentExactlyWhenNoneIsRequired() {
        assertInvalid(() -> order(Optional.empty(), Optional.empty(), List.of(line()), totals("27.25"),
                OrderPaymentStatus.PENDING, Optional.empty()), "payment");
        assertInvalid(() -> order(Optional.empty(), Optional.empty(), List.of(line()), totals("27.25"),
                OrderPaymentStatus.NOT_REQUIRED, Optional.of(new PaymentId(UUID.randomUUID()))), "payment");
        Order free = order(Optional.empty(), Optional.empty(), List.of(line()), totals("27.25"),
                OrderPaymentStatus.NOT_REQUIRED, Optional.empty());
        assertThat(free.isPaidBy(new PaymentId(UUID.randomUUID()))).isFalse();
        assertThatThrownBy(free::paymentId).isInstanceOfSatisfying(CommerceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void eachLineIsInTheOrdersCurrencyAndTotalsItself() {
        Money usd = Money.of("10.00", "USD");
        OrderLine dollars = new OrderLine(A, new ProductId(UUID.randomUUID()), "A", usd, 2, Money.of("20.00", "USD"),
                Money.of("2.00", "USD"), Money.of("3.42", "USD"), Money.of("21.42", "USD"),
                new ReservationId(UUID.randomUUID()));
        assertThatThrownBy(() -> order(List.of(dollars), totals("27.25")))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
                    assertThat(e.getMessage()).contains("line A is not in EUR");
                });
        OrderLine wrongTotal = line(A, eur("10.00"), 2, eur("2.00"), eur("3.42"), eur("21.43"));
        assertThatThrownBy(() -> order(List.of(wrongTotal), totals("27.25")))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.field()).contains("lines");
                    assertThat(e.getMessage()).endsWith("must be subtotal - discount + tax");
                });
    }

    @Test
    void withTaxIncludedLinesAndTheGrandTotalLeaveTheTaxOut() {
        OrderLine gross = line(A, eur("10.00"), 2, eur("2.00"), eur("2.87"), eur("18.00"));
        OrderTotals included = new OrderTotals(eur("20.00"), eur("2.00"), eur("3.65"), eur("4.90"), eur("0.78"),
                eur("22.90"), true);

        assertThat(order(List.of(gross), included).totals().grandTotal()).isEqualTo(eur("22.90"));
        OrderLine taxAdded = line(A, eur("10.00"), 2, eur("2.00"), eur("2.87"), eur("20.87"));
        assertThatThrownBy(() -> order(List.of(taxAdded), included))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.field()).contains("lines");
                    assertThat(e.getMessage()).endsWith("must be subtotal - discount");
                });
    }

    @Test
    void eachTotalIsTheSumOfItsParts() {
        assertInvalid(() -> order(new OrderTotals(eur("21.00"), eur("2.00"), eur("4.35"), eur("4.90"), eur("0.93"),
                eur("27.25"), false)), "subtotal");
        assertInvalid(() -> order(new OrderTotals(eur("20.00"), eur("3.00"), eur("4.35"), eur("4.90"), eur("0.93"),
                eur("27.25"), false)), "discountTotal");
        assertInvalid(() -> order(new OrderTotals(eur("20.00"), eur("2.00"), eur("4.35"), eur("-1.00"), eur("0.93"),
                eur("21.35"), false)), "shipping");
        assertInvalid(() -> order(new OrderTotals(eur("20.00"), eur("2.00"), eur("3.32"), eur("4.90"), eur("-0.10"),
                eur("26.22"), false)), "shipping");
    }

    @Test
    void onlyTheCurrentPaymentPaysTheOrder() {
        PaymentId current = new PaymentId(UUID.randomUUID());
        Order order = order(Optional.empty(), Optional.empty(), List.of(line()), totals("27.25"),
                OrderPaymentStatus.PENDING, Optional.of(current));

        assertThat(order.isPaidBy(current)).isTrue();
        assertThat(order.isPaidBy(new PaymentId(UUID.randomUUID()))).isFalse();
    }

    @Test
    void theCustomerOrTheGuestHoldingTheCartSecretMayActOnAnOrder() {
        CustomerId customer = new CustomerId(UUID.randomUUID());
        String secret = SecretTokens.newToken();
        Order customers = customerOrder(customer);
        Order guests = guestOrder(Optional.of(SecretTokens.hash(secret)));

        assertThat(customers.admits(CartAccess.customer(customer))).isTrue();
        assertThat(customers.admits(CartAccess.customer(new CustomerId(UUID.randomUUID())))).isFalse();
        assertThat(customers.admits(CartAccess.guest(secret))).isFalse();
        assertThat(guests.admits(CartAccess.guest(secret))).isTrue();
        assertThat(guests.admits(CartAccess.guest(SecretTokens.newToken()))).isFalse();
        assertThat(guests.admits(CartAccess.customer(customer))).isFalse();
        // A guest's direct order has no cart, so no secret admits anyone to it.
        assertThat(guestOrder(Optional.empty()).admits(CartAccess.guest(secret))).isFalse();
    }

    @Test
    void onlyAnUnpaidOrderExpires() {
        Order order = order(totals("27.25"));
        Instant end = order.expiresAt();

        assertThat(order.isExpiredAt(end.minusNanos(1))).isFalse();
        assertThat(order.isExpiredAt(end)).isTrue();
        assertThat(order.moveTo(OrderStatus.CONFIRMED, NOW, Actor.system()).isExpiredAt(end.plusSeconds(60))).isFalse();
    }

    @Test
    void anUnchangedPaymentStatusLeavesTheOrderAsItIs() {
        Order order = order(totals("27.25"));

        assertThat(order.withPaymentStatus(OrderPaymentStatus.PENDING, NOW, Actor.system())).isSameAs(order);
        Order declined = order.withPaymentStatus(OrderPaymentStatus.DECLINED, NOW, Actor.system());
        assertThat(declined.version()).isEqualTo(2);
        assertThat(declined.history().get(1).to()).isEqualTo("payment:DECLINED");
    }

    @Test
    void onlyAnUnpaidOrderWithADeclinedOrFailedPaymentIsPaidAgain() {
        Order order = order(totals("27.25"));
        PaymentId next = new PaymentId(UUID.randomUUID());

        assertThatThrownBy(() -> order.withNewPayment(next, NOW, Actor.guest()))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        for (OrderPaymentStatus failed : List.of(OrderPaymentStatus.DECLINED, OrderPaymentStatus.FAILED)) {
            Order again = order.withPaymentStatus(failed, NOW, Actor.system()).withNewPayment(next, NOW, Actor.guest());
            assertThat(again.paymentStatus()).isEqualTo(OrderPaymentStatus.PENDING);
            assertThat(again.isPaidBy(next)).isTrue();
        }
        Order confirmedDeclined = order.withPaymentStatus(OrderPaymentStatus.DECLINED, NOW, Actor.system())
                .moveTo(OrderStatus.CONFIRMED, NOW, Actor.system());
        assertThatThrownBy(() -> confirmedDeclined.withNewPayment(next, NOW, Actor.guest()))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void aShipmentOfASkuTheOrderDoesNotHoldIsRefused() {
        Order confirmed = order(totals("27.25")).moveTo(OrderStatus.CONFIRMED, NOW, Actor.system());

        assertInvalid(() -> confirmed.ship(new Shipment(Map.of(Sku.of("B"), 1L), "DHL", "T1", NOW), STAFF),
                "quantities");
    }

    @Test
    void aShippedOrderThatIsBeingCancelledIsNotDelivered() {
        Order shipped = order(totals("27.25")).moveTo(OrderStatus.CONFIRMED, NOW, Actor.system())
                .ship(new Shipment(Map.of(A, 2L), "DHL", "T1", NOW), STAFF);
        Order cancelling = shipped.moveTo(OrderStatus.CANCELLING, NOW, STAFF);

        assertThatThrownBy(() -> cancelling.deliver(NOW, STAFF)).isInstanceOfSatisfying(CommerceException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
                    assertThat(e.getMessage()).contains("cannot be completed");
                });
    }

    @Test
    void returnedUnitsAreCountedPerLineForSkusOfTheOrderOnly() {
        Order order = order(totals("27.25"));

        Order returned = order.withReturned(Map.of(A, 1L));
        assertThat(returned.lines().get(0).returned()).isEqualTo(1);
        assertThat(returned.lines().get(0).returnable()).isEqualTo(1);
        assertThat(returned.version()).isEqualTo(order.version() + 1);
        assertInvalid(() -> order.withReturned(Map.of(Sku.of("B"), 1L)), "restock");
        assertInvalid(() -> returned.withReturned(Map.of(A, 2L)), "restock");
    }

    @Test
    void onlyCompletedAndCancelledOrdersAreTerminal() {
        assertThat(OrderStatus.values()).filteredOn(OrderStatus::isTerminal)
                .containsExactlyInAnyOrder(OrderStatus.COMPLETED, OrderStatus.CANCELLED);
    }

    @Test
    void aPaymentIsApprovedUnlessPendingDeclinedOrFailed() {
        assertThat(OrderPaymentStatus.values()).filteredOn(status -> !status.isApproved()).containsExactlyInAnyOrder(
                OrderPaymentStatus.PENDING, OrderPaymentStatus.DECLINED, OrderPaymentStatus.FAILED);
    }

    @Test
    void orderIdsParseTheirTextAndCompareByUuid() {
        UUID low = new UUID(0, 1);
        UUID high = new UUID(0, 2);

        assertThat(OrderId.parse(high.toString())).isEqualTo(new OrderId(high));
        assertInvalid(() -> OrderId.parse("nope"), "orderId");
        assertThat(new OrderId(low).compareTo(new OrderId(high))).isNegative();
        assertThat(new OrderId(high).compareTo(new OrderId(low))).isPositive();
    }

    @Test
    void thePaymentWindowMayBeExactlyOneMinuteOrFourteenDays() {
        assertThat(CheckoutSettings.defaults().withOrderPaymentTimeout(java.time.Duration.ofMinutes(1))
                .orderPaymentTimeout()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(CheckoutSettings.defaults().withOrderPaymentTimeout(CheckoutSettings.MAX_PAYMENT_TIMEOUT)
                .orderPaymentTimeout()).isEqualTo(java.time.Duration.ofDays(14));
    }

    @Test
    void eventsSinceTellListenersOfConfirmationCancellationAndEachShipmentOnly() {
        Order placed = order(totals("27.25"));
        Order confirmed = placed.withPaymentStatus(OrderPaymentStatus.AUTHORIZED, NOW, Actor.system())
                .moveTo(OrderStatus.CONFIRMED, NOW, Actor.system());
        Order putBack = confirmed.moveTo(OrderStatus.CANCELLING, NOW, STAFF)
                .moveTo(OrderStatus.CONFIRMED, NOW, STAFF);
        Shipment shipment = new Shipment(Map.of(A, 2L), "DHL", "T1", NOW.plusSeconds(1));
        Order shipped = putBack.ship(shipment, STAFF);

        assertThat(placed.eventsOfPlacement()).isEmpty();
        assertThat(confirmed.eventsSince(placed))
                .containsExactly(new OrderPlaced(placed.id(), Optional.empty(), eur("27.25"), NOW));
        assertThat(putBack.eventsSince(confirmed)).isEmpty();
        assertThat(shipped.eventsSince(putBack)).containsExactly(
                new OrderFulfilled(placed.id(), shipment, FulfillmentStatus.FULFILLED, NOW.plusSeconds(1)));
        assertThat(shipped.deliver(NOW, STAFF).eventsSince(shipped)).isEmpty();
        assertThatThrownBy(() -> placed.eventsSince(confirmed)).isInstanceOf(CommerceException.class);
    }

    @Test
    void aCancellationTellsWhoCancelledWithoutTheSystemsReason() {
        Order placed = order(totals("27.25"));
        Actor outOfStock = Actor.System.because("out-of-stock:A");

        Order cancelled = placed.moveTo(OrderStatus.CANCELLED, NOW, outOfStock);

        assertThat(cancelled.history()).last().extracting(OrderTransition::actor).isEqualTo("system:out-of-stock:A");
        assertThat(cancelled.eventsSince(placed)).containsExactly(new OrderCancelled(placed.id(), "system", NOW));
    }

    @Test
    void actorsReadBackFromTheTextTheHistoryStores() {
        CustomerId customer = new CustomerId(UUID.randomUUID());
        List<Actor> actors = List.of(new Actor.Customer(customer), Actor.guest(), new Actor.Staff("alice"),
                Actor.system(), Actor.System.because("out-of-stock:A"));

        assertThat(actors).extracting(Actor::toString).containsExactly("customer:" + customer, "guest",
                "staff:alice", "system", "system:out-of-stock:A");
        assertThat(actors).allSatisfy(actor -> assertThat(Actor.parse(actor.toString())).isEqualTo(actor));
        assertInvalid(() -> Actor.parse("robot"), "actor");
        assertInvalid(() -> new Actor.Staff(" "), "staff");
    }

    @Test
    void gatewayKeysKeepTheTextsStoredWithPayments() {
        OrderId order = new OrderId(new UUID(0, 1));
        PaymentId payment = new PaymentId(new UUID(0, 2));
        String o = order.toString();
        String p = payment.toString();

        assertThat(GatewayKeys.firstPayment(order)).isEqualTo("order:" + o + ":payment:1");
        assertThat(GatewayKeys.retry(order, "k1")).isEqualTo("order:" + o + ":retry:k1");
        assertThat(GatewayKeys.cancel(payment)).isEqualTo("op:" + p + ":cancel");
        assertThat(GatewayKeys.giveBack(payment)).isEqualTo("op:" + p + ":give-back");
        assertThat(GatewayKeys.capture(payment, "k2")).isEqualTo("op:" + p + ":capture:k2");
        assertThat(GatewayKeys.refund(payment, "k3")).isEqualTo("op:" + p + ":refund:k3");
    }
}
