package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static dev.cartwright.testkit.Contracts.race;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.EventListener;
import dev.cartwright.event.OutboxEntry;
import dev.cartwright.event.ParkedEvent;
import dev.cartwright.event.ParkedEventPage;
import dev.cartwright.event.RetrySchedule;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCancelled;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderPlaced;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Delivery survives listeners that keep failing: a failed event waits for its back-off by the store's clock
 * while the events behind it are delivered, is parked after the schedule's last attempt for staff to count,
 * list, retry or drop, and nothing a listener throws, not even an {@link Error}, escapes the service call that
 * published the event.
 */
public abstract class OutboxDeliveryContract extends OrderFixtures {

    /** Short, so that the contracts reach parking in three attempts: waits of 1 s and 2 s, parked on the 3rd. */
    protected static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(1), 3);

    /** The events the listener took. */
    private final List<CommerceEvent> received = new CopyOnWriteArrayList<>();
    /** How many times each event was offered to the listener, taken or not. */
    private final Map<CommerceEvent, Integer> offered = new ConcurrentHashMap<>();
    private volatile EventListener failing = event -> { };

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder)
                .eventRetrySchedule(SCHEDULE)
                .eventListener(event -> {
                    offered.merge(event, 1, Integer::sum);
                    failing.onEvent(event);
                    received.add(event);
                });
    }

    @Test
    void aListenerThatAlwaysFailsOnOneEventTypeDoesNotStarveTheEventsBehindIt() {
        givenStockedProduct("A", "10.00", 100);
        failing = throwingOn(OrderCancelled.class, () -> new IllegalStateException("cannot take cancellations"));
        int poisoned = 150;
        store.inTransaction(transaction -> {
            for (int i = 0; i < poisoned; i++) {
                transaction.outbox().append(cancellation(), clock.instant());
            }
            return null;
        });

        Order order = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);
        // The clock stands still: only the back-off of the failed entries lets the ones behind them through.
        for (int call = 0; call < 3; call++) {
            commerce.deliverEvents();
        }

        assertThat(received).filteredOn(OrderPlaced.class::isInstance)
                .extracting(event -> ((OrderPlaced) event).orderId()).containsExactly(order.id());
        assertThat(offered.keySet()).filteredOn(OrderCancelled.class::isInstance).hasSize(poisoned);
        assertThat(offered).allSatisfy((event, times) -> assertThat(times).as("offered once: %s", event).isOne());
        assertThat(commerce.parkedEvents().count()).isZero();
    }

    @Test
    void aFailedEventIsOfferedAgainOnlyOnceItsBackOffHasPassedByTheClock() {
        givenStockedProduct("A", "10.00", 100);
        int[] failuresLeft = {2};
        failing = event -> {
            if (event instanceof OrderPlaced && failuresLeft[0]-- > 0) {
                throw new IllegalStateException("crm down");
            }
        };

        Order order = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);
        OrderPlaced placed = placedEventOf(order);
        assertThat(offered).containsEntry(placed, 1);

        assertThat(commerce.deliverEvents()).isZero();
        clock.advance(Duration.ofMillis(999));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(offered).as("not offered before the first wait of 1 s").containsEntry(placed, 1);

        clock.advance(Duration.ofMillis(1));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(offered).as("offered again after 1 s, and failed").containsEntry(placed, 2);

        clock.advance(Duration.ofMillis(1_999));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(offered).as("the second wait is 2 s").containsEntry(placed, 2);

        clock.advance(Duration.ofMillis(1));
        assertThat(commerce.deliverEvents()).isOne();
        assertThat(offered).containsEntry(placed, 3);
        assertThat(received).containsOnlyOnce(placed);
        clock.advance(Duration.ofDays(1));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(commerce.parkedEvents().count()).isZero();
    }

    @Test
    void anEventThatKeepsFailingIsParkedAfterTheLastAttemptAndShownToStaff() {
        givenStockedProduct("A", "10.00", 100);
        failing = throwingOn(OrderPlaced.class, () -> new IllegalStateException("crm down"));

        Order order = placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA);
        OrderPlaced placed = placedEventOf(order);
        clock.advance(SCHEDULE.delayAfter(1));
        commerce.deliverEvents();
        assertThat(commerce.parkedEvents().count()).as("two failures of three").isZero();
        clock.advance(SCHEDULE.delayAfter(2));
        commerce.deliverEvents();

        assertThat(commerce.parkedEvents().count()).isOne();
        ParkedEventPage page = commerce.parkedEvents().list(10);
        assertThat(page.hasNext()).isFalse();
        assertThat(page.events()).singleElement().satisfies(parked -> {
            assertThat(parked.event()).isEqualTo(placed);
            assertThat(parked.attempts()).isEqualTo(3);
            assertThat(parked.appendedAt()).isEqualTo(placed.occurredAt());
            assertThat(parked.lastError()).isEqualTo("java.lang.IllegalStateException: crm down");
        });

        clock.advance(Duration.ofDays(30));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(offered).as("a parked event is never offered again by itself").containsEntry(placed, 3);
        assertThat(received).as("the order's other event went through").hasSize(1)
                .noneMatch(OrderPlaced.class::isInstance);
    }

    @Test
    void aRetriedParkedEventIsDeliveredAtOnceAndADroppedOneNever() {
        givenStockedProduct("A", "10.00", 100);
        failing = throwingOn(OrderPlaced.class, () -> new IllegalStateException("crm down"));
        OrderPlaced first = placedEventOf(placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA));
        OrderPlaced second = placedEventOf(placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA));
        List<ParkedEvent> parked = parkEverythingDue(2);
        assertThat(parked).extracting(ParkedEvent::event).containsExactly(first, second);
        OrderPlaced third = placedEventOf(placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA));

        failing = event -> { };
        commerce.parkedEvents().retry(parked.get(0).sequence());
        assertThat(received).as("retried and delivered at once").containsOnlyOnce(first).doesNotContain(second);
        assertThat(commerce.parkedEvents().count()).isOne();

        commerce.parkedEvents().drop(parked.get(1).sequence());
        assertThat(commerce.parkedEvents().count()).isZero();
        assertThat(commerce.parkedEvents().list(10).events()).isEmpty();
        clock.advance(Duration.ofDays(1));
        commerce.deliverEvents();
        assertThat(received).as("the third order's event was waiting, not parked").contains(third)
                .doesNotContain(second);

        assertFails(() -> commerce.parkedEvents().retry(parked.get(0).sequence()), ErrorCode.NOT_FOUND, null);
        assertFails(() -> commerce.parkedEvents().retry(parked.get(1).sequence()), ErrorCode.NOT_FOUND, null);
        assertFails(() -> commerce.parkedEvents().drop(parked.get(1).sequence()), ErrorCode.NOT_FOUND, null);
    }

    @Test
    void onlyParkedEventsCanBeRetriedOrDropped() {
        givenStockedProduct("A", "10.00", 100);
        failing = throwingOn(OrderPlaced.class, () -> new IllegalStateException("crm down"));
        OrderPlaced placed = placedEventOf(placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA));
        // The OrderPlaced failed once and waits for its next attempt: it is in the outbox, but not parked.
        List<OutboxEntry> waiting = store.inTransaction(transaction -> transaction.outbox()
                .findDue(clock.instant().plus(Duration.ofDays(1)), 10));
        assertThat(waiting).extracting(OutboxEntry::event).containsExactly(placed);
        long sequence = waiting.get(0).sequence();

        assertFails(() -> commerce.parkedEvents().drop(sequence), ErrorCode.NOT_FOUND, null);
        assertFails(() -> commerce.parkedEvents().retry(sequence), ErrorCode.NOT_FOUND, null);
        assertThat(commerce.parkedEvents().retryAll()).isZero();

        failing = event -> { };
        clock.advance(SCHEDULE.delayAfter(1));
        commerce.deliverEvents();
        assertThat(received).contains(placed);
    }

    @Test
    void retryAllMakesEveryParkedEventDueWithItsAttemptsForgotten() {
        givenStockedProduct("A", "10.00", 100);
        failing = throwingOn(OrderCancelled.class, () -> new IllegalStateException("down"));
        List<OrderCancelled> cancellations = appendCancellations(3);
        parkEverythingDue(3);

        assertThat(commerce.parkedEvents().retryAll()).isEqualTo(3);
        assertThat(commerce.parkedEvents().count()).as("tried at once, failed once: not parked again").isZero();
        cancellations.forEach(cancelled -> assertThat(offered).containsEntry(cancelled, 4));

        clock.advance(SCHEDULE.delayAfter(1));
        commerce.deliverEvents();
        assertThat(commerce.parkedEvents().count()).as("two failures since the retry").isZero();
        clock.advance(SCHEDULE.delayAfter(2));
        commerce.deliverEvents();
        assertThat(commerce.parkedEvents().count()).as("the whole schedule again, then parked").isEqualTo(3);

        failing = event -> { };
        assertThat(commerce.parkedEvents().retryAll()).isEqualTo(3);
        assertThat(received).containsAll(cancellations);
        assertThat(commerce.parkedEvents().count()).isZero();
        assertThat(commerce.parkedEvents().retryAll()).isZero();
    }

    @Test
    void parkedEventsAreListedOldestFirstInPages() {
        failing = throwingOn(OrderCancelled.class, () -> new IllegalStateException("down"));
        List<OrderCancelled> cancellations = appendCancellations(5);
        parkEverythingDue(5);

        ParkedEventPage first = commerce.parkedEvents().list(2);
        ParkedEventPage second = commerce.parkedEvents().list(first.nextAfter().orElseThrow(), 2);
        ParkedEventPage last = commerce.parkedEvents().list(second.nextAfter().orElseThrow(), 2);

        List<CommerceEvent> listed = new ArrayList<>();
        for (ParkedEventPage page : List.of(first, second, last)) {
            page.events().forEach(parked -> listed.add(parked.event()));
        }
        assertThat(listed).containsExactlyElementsOf(cancellations);
        assertThat(first.events()).hasSize(2);
        assertThat(second.events()).hasSize(2);
        assertThat(last.events()).hasSize(1);
        assertThat(last.hasNext()).isFalse();
        assertThat(first.events().get(0).sequence()).isLessThan(first.events().get(1).sequence());
        assertThat(commerce.parkedEvents().list(100).events()).hasSize(5);
        assertFails(() -> commerce.parkedEvents().list(0), ErrorCode.VALIDATION, "limit");
        assertFails(() -> commerce.parkedEvents().list(101), ErrorCode.VALIDATION, "limit");
    }

    @Test
    void anErrorThrownByAListenerNeverEscapesCheckoutAndCountsAsAFailedDelivery() {
        givenStockedProduct("A", "10.00", 100);
        failing = throwingOn(OrderPlaced.class, () -> new AssertionError("listener bug"));
        CustomerId customer = newCustomer();

        Order order = placeDirect(customer, "A", 2, SimulatedPaymentGateway.VISA);

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(commerce.backOffice().get(order.id())).isEqualTo(order);
        OrderPlaced placed = placedEventOf(order);
        assertThat(offered).containsEntry(placed, 1);

        failing = throwingOn(OrderPlaced.class, StackOverflowError::new);
        clock.advance(SCHEDULE.delayAfter(1));
        assertThat(commerce.deliverEvents()).isZero();
        clock.advance(SCHEDULE.delayAfter(2));
        assertThat(commerce.deliverEvents()).isZero();
        assertThat(commerce.parkedEvents().list(1).events()).singleElement().satisfies(parked -> {
            assertThat(parked.event()).isEqualTo(placed);
            assertThat(parked.lastError()).isEqualTo("java.lang.StackOverflowError");
        });
    }

    @Test
    void theLastErrorIsKeptShortAndStorableWhateverTheListenerThrows() {
        failing = throwingOn(OrderCancelled.class,
                () -> new IllegalStateException("nul\u0000 emoji \uD83D\uDE00 lone \uD800 " + "x".repeat(10_000)));
        appendCancellations(1);
        parkEverythingDue(1);

        String lastError = commerce.parkedEvents().list(1).events().get(0).lastError();
        assertThat(lastError).hasSize(ParkedEvent.MAX_ERROR_LENGTH)
                .startsWith("java.lang.IllegalStateException: nul\uFFFD emoji \uD83D\uDE00 lone \uFFFD xxx")
                .doesNotContain("\u0000");
    }

    @Test
    void twoStaffRetryingEverythingAtOnceRetryEachParkedEventOnce() throws Exception {
        failing = throwingOn(OrderCancelled.class, () -> new IllegalStateException("down"));
        appendCancellations(4);
        parkEverythingDue(4);

        List<Integer> retried = race(2, staff -> () -> commerce.parkedEvents().retryAll());

        assertThat(retried.get(0) + retried.get(1)).isEqualTo(4);
        assertThat(commerce.parkedEvents().count()).isZero();
    }

    @Test
    void aRetryAndADropOfTheSameParkedEventAtOnceDoExactlyOneOfThem() throws Exception {
        failing = throwingOn(OrderCancelled.class, () -> new IllegalStateException("down"));
        OrderCancelled cancelled = appendCancellations(1).get(0);
        parkEverythingDue(1);
        long sequence = commerce.parkedEvents().list(1).events().get(0).sequence();
        failing = event -> { };

        List<ErrorCode> outcomes = race(2, staff -> () -> outcome(staff == 0
                ? () -> commerce.parkedEvents().retry(sequence)
                : () -> commerce.parkedEvents().drop(sequence)));

        assertThat(outcomes).containsExactlyInAnyOrder(null, ErrorCode.NOT_FOUND);
        boolean retried = outcomes.get(0) == null;
        commerce.deliverEvents();
        assertThat(received.contains(cancelled)).as("delivered if and only if the retry won").isEqualTo(retried);
        assertThat(commerce.parkedEvents().count()).isZero();
    }

    private static ErrorCode outcome(Runnable staffAction) {
        try {
            staffAction.run();
            return null;
        } catch (CommerceException e) {
            return e.code();
        }
    }

    private static EventListener throwingOn(Class<? extends CommerceEvent> type,
            Supplier<? extends Throwable> failure) {
        return event -> {
            if (type.isInstance(event)) {
                sneakyThrow(failure.get());
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }

    private OrderCancelled cancellation() {
        return new OrderCancelled(new OrderId(UUID.randomUUID()), "system", clock.instant());
    }

    /** Appends cancellations of unknown orders straight to the outbox, in one transaction, oldest first. */
    private List<OrderCancelled> appendCancellations(int count) {
        List<OrderCancelled> cancellations = new ArrayList<>();
        store.inTransaction(transaction -> {
            for (int i = 0; i < count; i++) {
                OrderCancelled cancelled = cancellation();
                transaction.outbox().append(cancelled, clock.instant());
                cancellations.add(cancelled);
            }
            return null;
        });
        return cancellations;
    }

    /** Runs the whole schedule, so every event that keeps failing is parked; asserts that {@code count} are. */
    private List<ParkedEvent> parkEverythingDue(int count) {
        for (int attempt = 0; attempt < SCHEDULE.maxAttempts(); attempt++) {
            commerce.deliverEvents();
            clock.advance(SCHEDULE.maxDelay());
        }
        assertThat(commerce.parkedEvents().count()).isEqualTo(count);
        return commerce.parkedEvents().list(100).events();
    }

    private OrderPlaced placedEventOf(Order order) {
        return offered.keySet().stream()
                .filter(event -> event instanceof OrderPlaced placed && placed.orderId().equals(order.id()))
                .map(OrderPlaced.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no OrderPlaced offered for " + order.id()));
    }
}
