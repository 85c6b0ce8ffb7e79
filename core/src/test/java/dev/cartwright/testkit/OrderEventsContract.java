package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCancelled;
import dev.cartwright.order.OrderFulfilled;
import dev.cartwright.order.OrderPlaced;
import dev.cartwright.order.OrderRefunded;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Order events go through the store's outbox: appended in the transaction of their change, delivered after
 * commit to every listener, again after a listener failed, and never for a change that rolled back.
 */
public abstract class OrderEventsContract extends OrderFixtures {

    private final List<CommerceEvent> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder)
                .eventListener(received::add)
                .eventListener(event -> {
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("listener down");
                    }
                });
    }

    @Test
    void orderLifecycleEventsAreDeliveredAfterCommit() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();

        Order order = placeDirect(customer, "A", 2, SimulatedPaymentGateway.VISA);
        assertThat(received).singleElement().isInstanceOfSatisfying(OrderPlaced.class, placed -> {
            assertThat(placed.orderId()).isEqualTo(order.id());
            assertThat(placed.grandTotal()).isEqualTo(order.totals().grandTotal());
        });

        commerce.backOffice().capture("a", order.id(), Optional.empty());
        commerce.backOffice().fulfil("a", order.id(), Map.of(Sku.of("A"), 2L), "DHL", "T1");
        commerce.backOffice().refund("a", order.id(), eur("1.00"), Map.of());

        assertThat(received).hasSize(3);
        assertThat(received.get(1)).isInstanceOf(OrderFulfilled.class);
        assertThat(received.get(2)).isInstanceOfSatisfying(OrderRefunded.class,
                refunded -> assertThat(refunded.amount()).isEqualTo(eur("1.00")));
        assertThat(commerce.deliverEvents()).isZero();
    }

    @Test
    void expiryPublishesACancellationAndARolledBackCheckoutNothing() {
        givenStockedProduct("A", "10.00", 1);
        Order declined = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.DECLINE);
        assertThatThrownBy(() -> placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA))
                .hasMessageContaining("insufficient");
        assertThat(received).isEmpty();

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
        assertThat(received).hasSize(1);

        assertThat(commerce.deliverEvents()).isZero();
        assertThat(received).hasSize(2);
        assertThat(commerce.deliverEvents()).isEqualTo(1);
        assertThat(received).hasSize(3).allSatisfy(event -> assertThat(((OrderPlaced) event).orderId())
                .isEqualTo(order.id()));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(received).hasSize(3);
    }
}
