package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.RetrySchedule;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.InventoryEvent;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.StockLow;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link StockLow} is published, through the outbox and in the transaction of the change, when a reservation
 * (the inventory's or checkout's) or a downward adjustment takes a SKU's available units from above the
 * threshold (5 by default) to at or below it: once per crossing, never for a change that rolled back.
 */
public abstract class InventoryEventsContract extends OrderFixtures {

    private static final Sku A = Sku.of("A");
    private static final Duration HOLD = Duration.ofMinutes(10);

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

    private List<InventoryEvent> stockEvents() {
        return received.stream().filter(InventoryEvent.class::isInstance).map(InventoryEvent.class::cast).toList();
    }

    private StockLow low(String sku, long available, long threshold) {
        return new StockLow(Sku.of(sku), available, threshold, clock.instant());
    }

    @Test
    void aReservationThatCrossesTheThresholdPublishesStockLowOnce() {
        givenStockedProduct("A", "10.00", 8);

        Reservation first = commerce.inventory().reserve(A, 2, HOLD);
        assertThat(received).isEmpty();
        Reservation second = commerce.inventory().reserve(A, 1, HOLD);
        assertThat(received).containsExactly(low("A", 5, 5));
        commerce.inventory().reserve(A, 1, HOLD);
        commerce.inventory().commit(second.id());
        commerce.inventory().reserve(A, 4, HOLD);
        assertThat(received).hasSize(1);

        commerce.inventory().release(first.id());
        commerce.inventory().receive(A, 10);
        assertThat(received).hasSize(1);
        commerce.inventory().reserve(A, 7, HOLD);
        assertThat(received).containsExactly(low("A", 5, 5), low("A", 5, 5));
        assertThat(commerce.deliverEvents()).isZero();
    }

    @Test
    void aCheckoutCountsTheUnitsOfALapsedReservationAsAvailable() {
        givenStockedProduct("A", "10.00", 8);
        commerce.inventory().reserve(A, 2, HOLD);
        clock.advance(HOLD);

        placeDirect(newCustomer(), "A", 2, SimulatedPaymentGateway.VISA);

        assertThat(commerce.inventory().level(A).available()).isEqualTo(6);
        assertThat(stockEvents()).as("8 available before the sale, 6 after: no crossing").isEmpty();
    }

    @Test
    void aDownwardAdjustmentThatCrossesPublishesStockLowAndAnUpwardOneNothing() {
        givenStockedProduct("A", "10.00", 10);

        commerce.inventory().adjust(A, -3);
        assertThat(received).isEmpty();
        commerce.inventory().adjust(A, -4);
        assertThat(received).containsExactly(low("A", 3, 5));
        commerce.inventory().adjust(A, -1);
        commerce.inventory().adjust(A, 1);
        assertThat(received).hasSize(1);

        commerce.inventory().adjust(A, 10);
        commerce.inventory().adjust(A, -8);
        assertThat(received).containsExactly(low("A", 3, 5), low("A", 5, 5));
    }

    @Test
    void checkoutsReservationPublishesStockLowWithItsOrder() {
        givenStockedProduct("A", "10.00", 8);

        placeDirect(newCustomer(), "A", 2, SimulatedPaymentGateway.VISA);
        assertThat(stockEvents()).isEmpty();
        Order crossing = placeDirect(newCustomer(), "A", 2, SimulatedPaymentGateway.DECLINE);
        assertThat(stockEvents()).containsExactly(low("A", 4, 5));
        placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);
        assertThat(stockEvents()).hasSize(1);

        clock.advance(PAYMENT_TIMEOUT);
        commerce.checkout().expireUnpaid();
        assertThat(commerce.inventory().level(A).available()).isEqualTo(5);
        assertThat(commerce.backOffice().get(crossing.id()).status().name()).isEqualTo("CANCELLED");
        assertThat(stockEvents()).hasSize(1);
    }

    @Test
    void aRolledBackReservationPublishesNothing() {
        givenStockedProduct("A", "10.00", 8);
        givenStockedProduct("B", "10.00", 1);

        assertThatThrownBy(() -> commerce.inventory().reserveAll(Map.of(A, 6L, Sku.of("B"), 2L), HOLD))
                .isInstanceOf(InsufficientStockException.class);
        DirectOrderRequest shortOrder = new DirectOrderRequest(Map.of(A, 6L, Sku.of("B"), 2L), List.of(),
                Optional.of(newCustomer()), Optional.empty(), ADDRESS, Optional.of("standard"),
                card(SimulatedPaymentGateway.VISA), "short-1");
        assertThatThrownBy(() -> commerce.checkout().placeOrder(shortOrder))
                .isInstanceOf(InsufficientStockException.class);
        assertFails(() -> commerce.inventory().adjust(A, -9), ErrorCode.INSUFFICIENT_STOCK, null);

        assertThat(commerce.deliverEvents()).isZero();
        assertThat(received).isEmpty();
        assertThat(commerce.inventory().level(A).available()).isEqualTo(8);
    }

    @Test
    void concurrentReservationsCrossOnceAndPublishOnce() throws Exception {
        givenStockedProduct("A", "10.00", 20);

        List<Reservation> reservations = Contracts.race(20, i -> () -> commerce.inventory().reserve(A, 1, HOLD));

        assertThat(reservations).hasSize(20);
        commerce.deliverEvents();
        assertThat(received).containsExactly(low("A", 5, 5));
    }

    @Test
    void aListenerThatFailedGetsStockLowAgain() {
        givenStockedProduct("A", "10.00", 6);
        failuresLeft.set(1);

        commerce.inventory().reserve(A, 1, HOLD);
        StockLow low = low("A", 5, 5);
        assertThat(received).containsExactly(low);

        clock.advance(RetrySchedule.DEFAULT.delayAfter(1));
        assertThat(commerce.deliverEvents()).isEqualTo(1);
        assertThat(received).containsExactly(low, low);
        assertThat(commerce.deliverEvents()).isZero();
    }

    @Test
    void theThresholdIsABuilderSettingAndZeroAnnouncesRunningOut() {
        commerce = configure(Commerce.builder().store(store).clock(clock)).lowStockThreshold(0).build();
        givenStockedProduct("A", "10.00", 3);

        commerce.inventory().reserve(A, 2, HOLD);
        assertThat(received).isEmpty();
        commerce.inventory().reserve(A, 1, HOLD);
        assertThat(received).containsExactly(low("A", 0, 0));

        assertFails(() -> Commerce.builder().lowStockThreshold(-1), ErrorCode.VALIDATION, "lowStockThreshold");
    }
}
