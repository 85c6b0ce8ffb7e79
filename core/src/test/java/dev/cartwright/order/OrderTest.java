package dev.cartwright.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.money.Money;
import dev.cartwright.payment.PaymentId;
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
        return new Order(new OrderId(UUID.randomUUID()), Optional.empty(), Optional.of("a@b.de"), Optional.empty(), EUR,
                List.of(line()),
                totals, Address.of("Ada", "Main 1", "Berlin", "10115", "DE"), Optional.of("standard"), "key", "print",
                OrderStatus.PENDING_PAYMENT, OrderPaymentStatus.PENDING, FulfillmentStatus.UNFULFILLED,
                Optional.of(new PaymentId(UUID.randomUUID())), List.of(),
                List.of(new OrderTransition("NEW", "PENDING_PAYMENT", NOW, "guest")), 1, NOW, NOW.plusSeconds(1800));
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
        assertThatThrownBy(() -> order.moveTo(OrderStatus.COMPLETED, NOW, "x"))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        Order cancelled = order.moveTo(OrderStatus.CANCELLED, NOW, "staff:x");
        assertThat(cancelled.version()).isEqualTo(2);
        assertThat(cancelled.history()).hasSize(2);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(order.history()).hasSize(1);
        assertThatThrownBy(() -> cancelled.moveTo(OrderStatus.CONFIRMED, NOW, "x"))
                .isInstanceOf(CommerceException.class);
        assertThatThrownBy(() -> OrderStatus.allowedTransitions().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shippingCountsUnitsAndRefusesMoreThanOrdered() {
        Order confirmed = order(totals("27.25")).moveTo(OrderStatus.CONFIRMED, NOW, "system");
        Order partly = confirmed.ship(new Shipment(Map.of(A, 1L), "DHL", "T1", NOW), "staff:x");
        assertThat(partly.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PARTIALLY_FULFILLED);
        assertThatThrownBy(() -> partly.ship(new Shipment(Map.of(A, 2L), "DHL", "T2", NOW), "staff:x"))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.field()).contains("quantities"));
        Order full = partly.ship(new Shipment(Map.of(A, 1L), "DHL", "T2", NOW), "staff:x");
        assertThat(full.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FULFILLED);
        Order delivered = full.deliver(NOW, "staff:x");
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
}
