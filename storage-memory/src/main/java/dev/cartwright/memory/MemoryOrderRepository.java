package dev.cartwright.memory;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCursor;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderRepository;
import dev.cartwright.order.OrderStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders in memory: a table by id and a unique index by idempotency key. Queries scan, which is fine for
 * the memory store's sizes. Guarded by the store's lock.
 */
final class MemoryOrderRepository implements OrderRepository {

    private static final Comparator<Order> OLDEST_FIRST = Comparator.comparing(Order::placedAt)
            .thenComparing(Order::id);

    private final MemoryTable<OrderId, Order> byId;
    private final MemoryTable<String, OrderId> byIdempotencyKey;

    MemoryOrderRepository(Journal journal) {
        this.byId = journal.table();
        this.byIdempotencyKey = journal.table();
    }

    @Override
    public void insert(Order order) {
        Validate.notNull(order, "order");
        if (byId.contains(order.id())) {
            throw CommerceException.conflict("an order with id " + order.id() + " already exists");
        }
        if (byIdempotencyKey.contains(order.idempotencyKey())) {
            throw new CommerceException(ErrorCode.CONFLICT, "idempotencyKey",
                    "an order with idempotency key " + order.idempotencyKey() + " already exists", null);
        }
        byId.put(order.id(), order);
        byIdempotencyKey.put(order.idempotencyKey(), order.id());
    }

    @Override
    public Optional<Order> findById(OrderId id) {
        Validate.notNull(id, "id");
        return byId.get(id);
    }

    @Override
    public Optional<Order> findByIdempotencyKey(String idempotencyKey) {
        Validate.notNull(idempotencyKey, "idempotencyKey");
        return byIdempotencyKey.get(idempotencyKey).flatMap(byId::get);
    }

    @Override
    public List<Order> findByCustomer(CustomerId customer, Optional<OrderCursor> after, int limit) {
        Validate.notNull(customer, "customer");
        Validate.notNull(after, "after");
        Validate.positive(limit, "limit");
        return byId.values().stream()
                .filter(order -> order.belongsTo(customer))
                .filter(order -> after.map(cursor -> cursor.precedes(order)).orElse(true))
                .sorted(OLDEST_FIRST.reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<Order> findExpiredUnpaid(Instant now, int limit) {
        Validate.notNull(now, "now");
        Validate.positive(limit, "limit");
        return byId.values().stream()
                .filter(order -> order.isExpiredAt(now))
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public List<Order> findPaymentPending(int limit) {
        Validate.positive(limit, "limit");
        return byId.values().stream()
                .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT
                        && order.paymentStatus() == OrderPaymentStatus.PENDING)
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public List<Order> findCancelling(int limit) {
        Validate.positive(limit, "limit");
        return byId.values().stream()
                .filter(order -> order.status() == OrderStatus.CANCELLING)
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public void update(Order order, long expectedVersion) {
        Validate.notNull(order, "order");
        Order stored = byId.get(order.id()).orElseThrow(() -> CommerceException.notFound("order", order.id()));
        if (stored.version() != expectedVersion) {
            throw CommerceException.conflict("order " + order.id() + " is at version " + stored.version()
                    + ", not " + expectedVersion + ": it changed since it was read");
        }
        if (order.version() <= expectedVersion) {
            throw CommerceException.invalid("version", "must be above the expected version " + expectedVersion);
        }
        if (!stored.idempotencyKey().equals(order.idempotencyKey())) {
            throw CommerceException.invalid("order", "must keep its idempotency key");
        }
        byId.put(order.id(), order);
    }
}
