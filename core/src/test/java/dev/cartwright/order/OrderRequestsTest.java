package dev.cartwright.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.payment.PaymentMethod;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The checks of what callers hand to checkout and the back office, and what tells two requests apart. */
class OrderRequestsTest {

    private static final PaymentMethod CARD = PaymentMethod.of("tok_visa", "visa", "4242");
    private static final Address ADDRESS = Address.of("Ada", "Main St 1", "Berlin", "10115", "DE");
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void aGuestNeedsAnEmailAddressWithSomethingOnBothSidesOfTheAt() {
        assertInvalid(() -> guestRequest(Optional.empty()), "email");
        assertInvalid(() -> guestRequest(Optional.of("@example.com")), "email");
        assertInvalid(() -> guestRequest(Optional.of("ada@")), "email");
        assertInvalid(() -> guestRequest(Optional.of("ada.example.com")), "email");
        assertInvalid(() -> guestRequest(Optional.of(" ")), "email");
        assertThat(guestRequest(Optional.of("a@b")).email()).contains("a@b");
        assertThat(new DirectOrderRequest(Map.of(Sku.of("A"), 1L), List.of(), Optional.of(customer()),
                Optional.empty(), ADDRESS, Optional.empty(), CARD, "key").email()).isEmpty();
    }

    @Test
    void aCartCheckoutChecksTheGuestsEmailToo() {
        CartAccess.Guest guest = CartAccess.guest("secret");

        assertInvalid(() -> CheckoutRequest.forGuest(new CartId(UUID.randomUUID()), guest, "ada@", ADDRESS,
                "standard", CARD, "key"), "email");
        assertInvalid(() -> new CheckoutRequest(new CartId(UUID.randomUUID()), guest, Optional.empty(), ADDRESS,
                Optional.empty(), CARD, "key", false), "email");
    }

    @Test
    void aDirectOrderHoldsOneToAHundredSkusEachOfAtLeastOneUnit() {
        assertInvalid(() -> direct(Map.of()), "quantities");
        assertThat(direct(skus(100)).quantities()).hasSize(100);
        assertInvalid(() -> direct(skus(101)), "quantities");
        assertInvalid(() -> direct(Map.of(Sku.of("A"), 0L)), "quantity");
    }

    @Test
    void aDirectOrdersPromotionCodeThatIsMissingOrUnstorableIsNamedByItsIndex() {
        CustomerId customer = customer();
        assertInvalid(() -> directWith(null, customer), "promotionCodes");
        assertInvalid(() -> directWith(Arrays.asList("SPRING", null), customer), "promotionCodes[1]");
        assertInvalid(() -> directWith(List.of("SPRING", "SUMMER", "NUL\u0000"), customer), "promotionCodes[2]");
        assertInvalid(() -> directWith(List.of("\uD83D", "SPRING"), customer), "promotionCodes[0]");
        assertThat(directWith(List.of("SPRING", "spring"), customer).promotionCodes())
                .as("kept as typed, for the order to judge").containsExactly("SPRING", "spring");
    }

    @Test
    void aShipmentShipsAtLeastOneUnitOfSomething() {
        assertInvalid(() -> new Shipment(Map.of(), "DHL", "T1", NOW), "quantities");
        assertInvalid(() -> new Shipment(Map.of(Sku.of("A"), 0L), "DHL", "T1", NOW), "quantity");
        assertThat(new Shipment(Map.of(Sku.of("A"), 1L), "DHL", "T1", NOW).quantities()).containsEntry(Sku.of("A"),
                1L);
    }

    @Test
    void aCursorPrecedesOrdersPlacedBeforeItOrAtTheSameInstantWithASmallerId() {
        OrderId middle = new OrderId(new UUID(0, 5));
        OrderCursor cursor = new OrderCursor(NOW, middle);

        assertThat(cursor.precedes(placed(NOW.minusSeconds(1), new OrderId(new UUID(0, 9))))).isTrue();
        assertThat(cursor.precedes(placed(NOW.plusSeconds(1), new OrderId(new UUID(0, 1))))).isFalse();
        assertThat(cursor.precedes(placed(NOW, new OrderId(new UUID(0, 4))))).isTrue();
        assertThat(cursor.precedes(placed(NOW, middle))).isFalse();
        assertThat(cursor.precedes(placed(NOW, new OrderId(new UUID(0, 6))))).isFalse();
    }

    @Test
    void fingerprintsTellApartCodesCustomersGuestsAndAcceptedPriceChanges() {
        CustomerId customer = customer();
        assertThat(directWith(List.of("A"), customer).fingerprint())
                .isNotEqualTo(directWith(List.of("B"), customer).fingerprint());
        assertThat(directWith(List.of(), customer).fingerprint())
                .isEqualTo(directWith(List.of(), customer).fingerprint())
                .isNotEqualTo(directWith(List.of(), customer()).fingerprint());

        CartId cart = new CartId(UUID.randomUUID());
        CheckoutRequest ann = CheckoutRequest.forCustomer(cart, customer, ADDRESS, "standard", CARD, "key");
        assertThat(ann.fingerprint())
                .isNotEqualTo(CheckoutRequest.forCustomer(cart, customer(), ADDRESS, "standard", CARD, "key")
                        .fingerprint())
                .isNotEqualTo(ann.acceptingPriceChanges().fingerprint());
        assertThat(ann.acceptingPriceChanges().acceptingPriceChanges().fingerprint())
                .isEqualTo(ann.acceptingPriceChanges().fingerprint());
        assertThat(guestCheckout(cart, "secret-1").fingerprint())
                .isEqualTo(guestCheckout(cart, "secret-1").fingerprint())
                .isNotEqualTo(guestCheckout(cart, "secret-2").fingerprint());
    }

    private static CheckoutRequest guestCheckout(CartId cart, String secret) {
        return CheckoutRequest.forGuest(cart, CartAccess.guest(secret), "ada@example.com", ADDRESS, "standard", CARD,
                "key");
    }

    private static Order placed(Instant at, OrderId id) {
        return new Order(id, Optional.empty(), Optional.of("a@b.de"), Optional.empty(), Currency.getInstance("EUR"),
                List.of(OrderLineTest.line(2)), OrderLineTest.totalsOf(OrderLineTest.line(2)), ADDRESS, Optional.empty(), "key", "print",
                OrderStatus.PENDING_PAYMENT, OrderPaymentStatus.PENDING, FulfillmentStatus.UNFULFILLED,
                Optional.of(new dev.cartwright.payment.PaymentId(UUID.randomUUID())), List.of(),
                List.of(new OrderTransition("NEW", "PENDING_PAYMENT", at, "guest")), 1, at, at.plusSeconds(1800));
    }

    private static DirectOrderRequest guestRequest(Optional<String> email) {
        return new DirectOrderRequest(Map.of(Sku.of("A"), 1L), List.of(), Optional.empty(), email, ADDRESS,
                Optional.empty(), CARD, "key");
    }

    private static DirectOrderRequest direct(Map<Sku, Long> quantities) {
        return new DirectOrderRequest(quantities, List.of(), Optional.of(customer()), Optional.empty(), ADDRESS,
                Optional.empty(), CARD, "key");
    }

    private static DirectOrderRequest directWith(List<String> codes, CustomerId customer) {
        return new DirectOrderRequest(Map.of(Sku.of("A"), 1L), codes, Optional.of(customer), Optional.empty(),
                ADDRESS, Optional.empty(), CARD, "key");
    }

    private static Map<Sku, Long> skus(int count) {
        Map<Sku, Long> quantities = new HashMap<>();
        for (int i = 0; i < count; i++) {
            quantities.put(Sku.of("SKU-" + i), 1L);
        }
        return quantities;
    }

    private static CustomerId customer() {
        return new CustomerId(UUID.randomUUID());
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CommerceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.field()).contains(field);
        });
    }
}
