package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.FulfillmentStatus;
import dev.cartwright.order.Actor;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCursor;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.order.OrderTotals;
import dev.cartwright.order.OrderTransition;
import dev.cartwright.order.Shipment;
import dev.cartwright.payment.PaymentId;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL order repository at the port level: exact round trips, the fixed number of statements per load,
 * keyset paging in {@link OrderId}'s own order, the idempotency key's uniqueness and guarded updates.
 */
abstract class OrderRepositoryScenario {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private final RecordingDataSource recording = new RecordingDataSource();
    private JdbcStore store;

    /** @return the data source of a fresh, migrated and empty store's schema */
    protected abstract DataSource dataSource();

    private boolean pipelined;

    @BeforeEach
    void createStore() throws java.sql.SQLException {
        DataSource dataSource = dataSource();
        try (Connection connection = dataSource.getConnection()) {
            pipelined = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
        }
        store = JdbcStore.builder(recording.wrap(dataSource)).migrate(false).build();
    }

    @Test
    void anOrderWithEveryPartRoundTripsExactlyInAFixedNumberOfStatements() {
        CustomerId customer = new CustomerId(UUID.randomUUID());
        Order small = order(new OrderId(UUID.randomUUID()), Optional.of(customer), START, "small", 1);
        Order large = shipAndMove(order(new OrderId(UUID.randomUUID()), Optional.empty(), START.plusNanos(1), "large", 60));
        inTransaction(repositories -> {
            repositories.orders().insert(small);
            repositories.orders().insert(large);
            return null;
        });

        int forSmall = statementsOf(repositories -> repositories.orders().findById(small.id()));
        int forLarge = statementsOf(repositories -> repositories.orders().findById(large.id()));
        int forNone = statementsOf(repositories -> repositories.orders().findById(new OrderId(UUID.randomUUID())));
        assertThat(findById(small.id())).contains(small);
        assertThat(findById(large.id())).contains(large);

        assertThat(forLarge).isEqualTo(forSmall).isEqualTo(4);
        assertThat(forNone).isEqualTo(1);
        int insertLarge = statementsOf(repositories -> {
            repositories.orders().insert(order(new OrderId(UUID.randomUUID()), Optional.empty(), START, "batch", 60));
            return null;
        });
        // PostgreSQL sends the three in one pipeline; the others one statement text (a batch for many rows) each.
        assertThat(insertLarge).as("the order row, one batch of lines, one of history")
                .isEqualTo(pipelined ? 1 : 3);
        assertThat(findByKey("large")).contains(large);
    }

    @Test
    void aCustomersOrdersPageNewestFirstInTheOrderOfTheirIdsWhenPlacedAtTheSameInstant() {
        long seed = new Random().nextLong();
        System.out.println("OrderRepositoryScenario keyset seed = " + seed);
        Random random = new Random(seed);
        CustomerId customer = new CustomerId(UUID.randomUUID());
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Ids with either sign in either half, and many orders at one instant.
            OrderId id = new OrderId(new UUID(random.nextLong(), random.nextLong()));
            orders.add(order(id, Optional.of(customer), START.plusSeconds(random.nextInt(3)), "k" + i, 1 + random.nextInt(3)));
        }
        inTransaction(repositories -> {
            orders.forEach(repositories.orders()::insert);
            repositories.orders().insert(order(new OrderId(UUID.randomUUID()), Optional.of(new CustomerId(UUID.randomUUID())),
                    START, "someone else", 1));
            return null;
        });
        List<OrderId> expected = orders.stream()
                .sorted(Comparator.comparing(Order::placedAt).thenComparing(Order::id).reversed())
                .map(Order::id).toList();

        List<OrderId> paged = new ArrayList<>();
        Optional<OrderCursor> after = Optional.empty();
        int pageSize = 1 + random.nextInt(4);
        while (true) {
            Optional<OrderCursor> cursor = after;
            List<Order> page = inTransaction(repositories -> repositories.orders().findByCustomer(customer, cursor, pageSize));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(order -> paged.add(order.id()));
            after = Optional.of(OrderCursor.after(page.get(page.size() - 1)));
        }

        assertThat(paged).as("seed %d", seed).containsExactlyElementsOf(expected);
    }

    @Test
    void expiredUnpaidAndPaymentPendingOrdersAreFoundOldestFirst() {
        Order older = order(new OrderId(UUID.randomUUID()), Optional.empty(), START, "older", 1);
        Order newer = order(new OrderId(UUID.randomUUID()), Optional.empty(), START.plusSeconds(1), "newer", 1);
        Order paid = order(new OrderId(UUID.randomUUID()), Optional.empty(), START, "paid", 1)
                .withPaymentStatus(OrderPaymentStatus.AUTHORIZED, START, Actor.system())
                .moveTo(OrderStatus.CONFIRMED, START, Actor.system());
        inTransaction(repositories -> {
            repositories.orders().insert(newer);
            repositories.orders().insert(paid);
            repositories.orders().insert(older);
            return null;
        });
        Instant expiry = newer.expiresAt();

        assertThat(findExpired(expiry.minusNanos(1), 10))
                .containsExactly(older);
        assertThat(findExpired(expiry, 10))
                .containsExactly(older, newer);
        assertThat(findExpired(expiry, 1))
                .containsExactly(older);
        assertThat(findPending(10))
                .containsExactly(older, newer);
    }

    @Test
    void aTakenIdempotencyKeyIsAConflictNamingItAndAStaleOrMissingOrderIsNotUpdated() {
        Order order = order(new OrderId(UUID.randomUUID()), Optional.empty(), START, "key-1", 2);
        inTransaction(repositories -> {
            repositories.orders().insert(order);
            return null;
        });

        CommerceException taken = catchThrowableOfType(CommerceException.class, () -> inTransaction(repositories -> {
            repositories.orders().insert(order(new OrderId(UUID.randomUUID()), Optional.empty(), START, "key-1", 1));
            return null;
        }));
        assertThat(taken.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(taken.field()).contains("idempotencyKey");

        Order moved = order.moveTo(OrderStatus.CANCELLED, START.plusSeconds(5), Actor.system());
        CommerceException stale = catchThrowableOfType(CommerceException.class, () -> inTransaction(repositories -> {
            repositories.orders().update(moved, order.version() + 7);
            return null;
        }));
        assertThat(stale.code()).isEqualTo(ErrorCode.CONFLICT);
        CommerceException missing = catchThrowableOfType(CommerceException.class, () -> inTransaction(repositories -> {
            repositories.orders().update(order(new OrderId(UUID.randomUUID()), Optional.empty(), START, "x", 1)
                    .moveTo(OrderStatus.CANCELLED, START, Actor.system()), 1);
            return null;
        }));
        assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(findById(order.id())).contains(order);

        inTransaction(repositories -> {
            repositories.orders().update(moved, order.version());
            return null;
        });
        assertThat(findById(order.id())).contains(moved);
    }

    private Order shipAndMove(Order order) {
        Instant at = order.placedAt().plusSeconds(10);
        Order confirmed = order.withPaymentStatus(OrderPaymentStatus.AUTHORIZED, at, Actor.system())
                .moveTo(OrderStatus.CONFIRMED, at, Actor.system());
        Order shipped = confirmed.ship(new Shipment(Map.of(order.lines().get(0).sku(), 1L, order.lines().get(1).sku(), 2L),
                "DHL", "T1", at.plusSeconds(1)), new Actor.Staff("carl"));
        return shipped.ship(new Shipment(Map.of(order.lines().get(2).sku(), 3L), "UPS", "T2", at.plusSeconds(2)),
                new Actor.Staff("carl"));
    }

    /** An unpaid order of {@code lineCount} lines, line i being i+1 units of SKU Si at i+1 euros. */
    static Order order(OrderId id, Optional<CustomerId> customer, Instant placedAt, String key, int lineCount) {
        List<OrderLine> lines = new ArrayList<>();
        Money subtotal = Money.zero(EUR);
        Money zero = Money.zero(EUR);
        for (int i = 0; i < lineCount; i++) {
            Money unit = Money.ofMinor(100L * (i + 1), EUR);
            Money lineSubtotal = unit.times(i + 1);
            lines.add(new OrderLine(Sku.of("S" + i), new ProductId(UUID.randomUUID()), "Product \"" + i + "\" \uD83D\uDE00",
                    unit, i + 1, lineSubtotal, zero, zero, lineSubtotal, new ReservationId(UUID.randomUUID())));
            subtotal = subtotal.plus(lineSubtotal);
        }
        OrderTotals totals = new OrderTotals(subtotal, zero, zero, zero, zero, subtotal, false);
        Address address = new Address("Ada", "Street 1", "", "Berlin", "10115", "DE", customer.isEmpty()
                ? Optional.of("BE") : Optional.empty());
        return new Order(id, customer, customer.isEmpty() ? Optional.of("guest@example.com") : Optional.empty(),
                Optional.empty(), EUR,
                lines, totals, address, customer.isEmpty() ? Optional.empty() : Optional.of("standard"), key,
                "fingerprint-" + key, OrderStatus.PENDING_PAYMENT, OrderPaymentStatus.PENDING,
                FulfillmentStatus.UNFULFILLED, Optional.of(new PaymentId(UUID.randomUUID())), List.of(),
                List.of(new OrderTransition("NEW", "PENDING_PAYMENT", placedAt, "system")), 1, placedAt,
                placedAt.plus(Duration.ofMinutes(30)));
    }

    private Optional<Order> findById(OrderId id) {
        return inTransaction(repositories -> repositories.orders().findById(id));
    }

    private Optional<Order> findByKey(String key) {
        return inTransaction(repositories -> repositories.orders().findByIdempotencyKey(key));
    }

    private List<Order> findExpired(Instant now, int limit) {
        return inTransaction(repositories -> repositories.orders().findExpiredUnpaid(now, limit));
    }

    private List<Order> findPending(int limit) {
        return inTransaction(repositories -> repositories.orders().findPaymentPending(limit));
    }

    private <T> T inTransaction(Function<dev.cartwright.StoreTransaction, T> work) {
        return store.inTransaction(work);
    }

    /**
     * The statements {@code work} sends in a transaction, not counting the commit, nor the transaction's own
     * isolation statement unless it travels with the repository's statements in one pipeline.
     */
    private int statementsOf(Function<dev.cartwright.StoreTransaction, ?> work) {
        recording.clear();
        store.inTransaction(work);
        return (int) recording.entries().stream().filter(sql -> !sql.equals(RecordingDataSource.COMMIT))
                .filter(sql -> !(sql.startsWith("SET TRANSACTION") && !sql.contains(";"))).count();
    }
}
