package dev.cartwright.jdbc;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.FulfillmentStatus;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCursor;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderRepository;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.order.OrderTotals;
import dev.cartwright.order.OrderTransition;
import dev.cartwright.order.Shipment;
import dev.cartwright.payment.PaymentId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Orders as a row plus their lines, history, shipments and shipped quantities, read in four queries whatever
 * the number or size of the orders (the order rows, then each child table for all of them at once). Lines are
 * the order's snapshot, written once on insert; history and shipments only grow, so an update appends the new
 * entries. An update writes what an order's changes can change (its statuses, payment, version, new history
 * and shipments), after the checks of the memory store, in its order.
 */
final class JdbcOrderRepository implements OrderRepository {

    private static final String SELECT = "SELECT id, customer_id, email, currency, subtotal_minor, discount_minor,"
            + " tax_minor, shipping_minor, shipping_tax_minor, grand_total_minor, prices_include_tax, ship_name,"
            + " ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, ship_region, shipping_option_id,"
            + " idempotency_key, request_fingerprint, status, payment_status, fulfillment_status, payment_id,"
            + " guest_secret_hash, version, placed_at, expires_at FROM orders";
    private static final String OLDEST_FIRST = " ORDER BY placed_at, id_high, id_low LIMIT :limit";

    private final Sql sql;

    JdbcOrderRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Order order) {
        Validate.notNull(order, "order");
        Totals totals = new Totals(order.totals());
        Address address = order.shippingAddress();
        // Held back, with the lines and the history, until the transaction's next statement or its commit; a
        // taken idempotency key then fails that statement, in this transaction.
        sql.defer("INSERT INTO orders (id, id_high, id_low, customer_id, email, currency, subtotal_minor,"
                + " discount_minor, tax_minor, shipping_minor, shipping_tax_minor, grand_total_minor, prices_include_tax,"
                + " ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, ship_region,"
                + " shipping_option_id, idempotency_key, request_fingerprint, status, payment_status, fulfillment_status,"
                + " payment_id, guest_secret_hash, version, placed_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                order.id().value(), order.id().value().getMostSignificantBits(),
                order.id().value().getLeastSignificantBits(),
                Rows.uuid(order.customerId().map(CustomerId::value).orElse(null)),
                Rows.text(order.email().orElse(null)), order.currency().getCurrencyCode(), totals.subtotal,
                totals.discount, totals.tax, totals.shipping, totals.shippingTax, totals.grandTotal,
                order.totals().pricesIncludeTax(), address.name(), address.line1(), Rows.text(address.line2()),
                address.city(), address.postalCode(), address.country(), Rows.text(address.region().orElse(null)),
                Rows.text(order.shippingOptionId().orElse(null)), order.idempotencyKey(), order.requestFingerprint(),
                order.status().name(), order.paymentStatus().name(), order.fulfillmentStatus().name(),
                Rows.uuid(order.payment().map(PaymentId::value).orElse(null)),
                Rows.text(order.guestSecretHash().orElse(null)), order.version(), Rows.nanos(order.placedAt()),
                Rows.nanos(order.expiresAt()));
        insertLines(order);
        insertHistory(order.id(), order.history(), 0);
        sql.exec(() -> insertShipments(order.id(), order.shipments(), 0));
    }

    @Override
    public Optional<Order> findById(OrderId id) {
        Validate.notNull(id, "id");
        return load(SELECT + " WHERE id = :id", query -> query.bind("id", id.value())).stream().findFirst();
    }

    @Override
    public Optional<Order> findByIdempotencyKey(String idempotencyKey) {
        Validate.notNull(idempotencyKey, "idempotencyKey");
        return load(SELECT + " WHERE idempotency_key = :key", query -> query.bind("key", idempotencyKey))
                .stream().findFirst();
    }

    @Override
    public List<Order> findByCustomer(CustomerId customer, Optional<OrderCursor> after, int limit) {
        Validate.notNull(customer, "customer");
        Validate.notNull(after, "after");
        Validate.positive(limit, "limit");
        String keyset = after.isEmpty() ? "" : " AND (placed_at < :placedAt OR (placed_at = :placedAt"
                + " AND (id_high < :high OR (id_high = :high AND id_low < :low))))";
        return load(SELECT + " WHERE customer_id = :customer" + keyset
                + " ORDER BY placed_at DESC, id_high DESC, id_low DESC LIMIT :limit", query -> {
                    query.bind("customer", customer.value()).bind("limit", limit);
                    after.ifPresent(cursor -> query.bind("placedAt", Rows.nanos(cursor.placedAt()))
                            .bind("high", cursor.id().value().getMostSignificantBits())
                            .bind("low", cursor.id().value().getLeastSignificantBits()));
                });
    }

    @Override
    public List<Order> findExpiredUnpaid(Instant now, int limit) {
        Validate.notNull(now, "now");
        Validate.positive(limit, "limit");
        return load(SELECT + " WHERE status = :status AND expires_at <= :now" + OLDEST_FIRST,
                query -> query.bind("status", OrderStatus.PENDING_PAYMENT.name()).bind("now", Rows.nanos(now))
                        .bind("limit", limit));
    }

    @Override
    public List<Order> findPaymentPending(int limit) {
        Validate.positive(limit, "limit");
        return load(SELECT + " WHERE status = :status AND payment_status = :paymentStatus" + OLDEST_FIRST,
                query -> query.bind("status", OrderStatus.PENDING_PAYMENT.name())
                        .bind("paymentStatus", OrderPaymentStatus.PENDING.name()).bind("limit", limit));
    }

    @Override
    public List<Order> findCancelling(int limit) {
        Validate.positive(limit, "limit");
        return load(SELECT + " WHERE status = :status" + OLDEST_FIRST,
                query -> query.bind("status", OrderStatus.CANCELLING.name()).bind("limit", limit));
    }

    /**
     * Held back, like an insert, until the transaction's next statement or its commit: {@code UPDATE ... WHERE id
     * = ? AND version = ? AND idempotency_key = ?}, whose count is checked when it has been sent (a stale version
     * then fails that statement or the commit, and the store retries the transaction). History and shipments only
     * grow, so every entry is written unless already stored, without reading how many are.
     */
    @Override
    public void update(Order order, long expectedVersion) {
        Validate.notNull(order, "order");
        if (order.version() <= expectedVersion) {
            sql.exec(() -> updated(order, expectedVersion, 0));
        }
        sql.defer(count -> updated(order, expectedVersion, count), "UPDATE orders SET status = ?, payment_status = ?,"
                + " fulfillment_status = ?, payment_id = ?, version = ?, expires_at = ?"
                + " WHERE id = ? AND version = ? AND idempotency_key = ?",
                order.status().name(), order.paymentStatus().name(), order.fulfillmentStatus().name(),
                Rows.uuid(order.payment().map(PaymentId::value).orElse(null)), order.version(),
                Rows.nanos(order.expiresAt()), order.id().value(), expectedVersion, order.idempotencyKey());
        updateReturned(order);
        for (int seq = 0; seq < order.history().size(); seq++) {
            OrderTransition entry = order.history().get(seq);
            sql.defer(sql.dialect.insertUnlessTaken("INTO order_transitions (order_id, seq, from_state, to_state,"
                    + " actor, happened_at) VALUES (?, ?, ?, ?, ?, ?)"), order.id().value(), seq, entry.from(),
                    entry.to(), entry.actor(), Rows.nanos(entry.at()));
        }
        for (int seq = 0; seq < order.shipments().size(); seq++) {
            Shipment shipment = order.shipments().get(seq);
            sql.defer(sql.dialect.insertUnlessTaken("INTO order_shipments (order_id, seq, carrier, tracking_number,"
                    + " shipped_at) VALUES (?, ?, ?, ?, ?)"), order.id().value(), seq, shipment.carrier(),
                    shipment.trackingNumber(), Rows.nanos(shipment.shippedAt()));
            for (Map.Entry<Sku, Long> entry : shipment.quantities().entrySet()) {
                sql.defer(sql.dialect.insertUnlessTaken("INTO order_shipment_quantities (order_id, shipment_seq, sku,"
                        + " quantity) VALUES (?, ?, ?, ?)"), order.id().value(), seq, entry.getKey().value(),
                        entry.getValue());
            }
        }
    }

    /** Tells why a held-back update of an order changed no row: a stale version, a missing order, a new key. */
    private void updated(Order order, long expectedVersion, int count) {
        if (count == 1) {
            return;
        }
        sql.explainMissedUpdate("orders", "order", order.id(), order.id().value(), expectedVersion);
        if (order.version() <= expectedVersion) {
            throw CommerceException.invalid("version", "must be above the expected version " + expectedVersion);
        }
        throw CommerceException.invalid("order", "must keep its idempotency key");
    }

    /** Lines only ever gain returned units, so an order none of whose lines has any needs no write. */
    private void updateReturned(Order order) {
        if (order.lines().stream().allMatch(line -> line.returned() == 0)) {
            return;
        }
        int seq = 0;
        for (OrderLine line : order.lines()) {
            sql.defer("UPDATE order_lines SET returned = ? WHERE order_id = ? AND seq = ?", line.returned(),
                    order.id().value(), seq++);
        }
    }

    private void insertLines(Order order) {
        int seq = 0;
        for (OrderLine line : order.lines()) {
            sql.defer("INSERT INTO order_lines (order_id, seq, sku, product_id, name, unit_minor, quantity,"
                    + " subtotal_minor, discount_minor, tax_minor, total_minor, reservation_id, returned)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    order.id().value(), seq++, line.sku().value(), line.productId().value(), line.name(),
                    line.unitPrice().minorUnits(), line.quantity(), line.subtotal().minorUnits(),
                    line.discount().minorUnits(), line.tax().minorUnits(), line.total().minorUnits(),
                    Rows.uuid(line.reservation().map(ReservationId::value).orElse(null)), line.returned());
        }
    }

    /** Held back until the transaction's next statement: history only grows, and nothing reads it before. */
    private void insertHistory(OrderId id, List<OrderTransition> entries, int firstSeq) {
        int seq = firstSeq;
        for (OrderTransition entry : entries) {
            sql.defer("INSERT INTO order_transitions (order_id, seq, from_state, to_state, actor, happened_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", id.value(), seq++, entry.from(), entry.to(), entry.actor(),
                    Rows.nanos(entry.at()));
        }
    }

    private void insertShipments(OrderId id, List<Shipment> shipments, int firstSeq) {
        if (shipments.isEmpty()) {
            return;
        }
        PreparedBatch batch = sql.handle.prepareBatch("INSERT INTO order_shipments (order_id, seq, carrier,"
                + " tracking_number, shipped_at) VALUES (:id, :seq, :carrier, :tracking, :at)");
        PreparedBatch quantities = sql.handle.prepareBatch("INSERT INTO order_shipment_quantities (order_id,"
                + " shipment_seq, sku, quantity) VALUES (:id, :seq, :sku, :quantity)");
        int seq = firstSeq;
        for (Shipment shipment : shipments) {
            batch.bind("id", id.value())
                    .bind("seq", seq)
                    .bind("carrier", shipment.carrier())
                    .bind("tracking", shipment.trackingNumber())
                    .bind("at", Rows.nanos(shipment.shippedAt()))
                    .add();
            for (Map.Entry<Sku, Long> entry : shipment.quantities().entrySet()) {
                quantities.bind("id", id.value())
                        .bind("seq", seq)
                        .bind("sku", entry.getKey().value())
                        .bind("quantity", entry.getValue().longValue())
                        .add();
            }
            seq++;
        }
        batch.execute();
        quantities.execute();
    }

    private List<Order> load(String select, Consumer<Query> binding) {
        return sql.run(() -> {
            Query query = sql.handle.createQuery(select);
            binding.accept(query);
            List<Row> rows = query.map((rs, ctx) -> Row.of(rs)).list();
            if (rows.isEmpty()) {
                return List.of();
            }
            List<UUID> ids = rows.stream().map(Row::id).toList();
            Map<UUID, Currency> currencies = new HashMap<>();
            rows.forEach(row -> currencies.put(row.id(), row.currency()));
            Map<UUID, List<OrderLine>> lines = new HashMap<>();
            sql.handle.createQuery("SELECT order_id, sku, product_id, name, unit_minor, quantity, subtotal_minor,"
                    + " discount_minor, tax_minor, total_minor, reservation_id, returned FROM order_lines"
                    + " WHERE order_id IN (<ids>) ORDER BY order_id, seq")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> {
                        UUID orderId = Rows.uuid(rs, "order_id");
                        Currency currency = currencies.get(orderId);
                        return Map.entry(orderId, new OrderLine(Sku.of(rs.getString("sku")),
                                new ProductId(Rows.uuid(rs, "product_id")), rs.getString("name"),
                                Money.ofMinor(rs.getLong("unit_minor"), currency), rs.getLong("quantity"),
                                Money.ofMinor(rs.getLong("subtotal_minor"), currency),
                                Money.ofMinor(rs.getLong("discount_minor"), currency),
                                Money.ofMinor(rs.getLong("tax_minor"), currency),
                                Money.ofMinor(rs.getLong("total_minor"), currency),
                                Optional.ofNullable(Rows.uuid(rs, "reservation_id")).map(ReservationId::new).orElse(null), rs.getLong("returned")));
                    })
                    .forEach(entry -> lines.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
            Map<UUID, List<OrderTransition>> history = new HashMap<>();
            sql.handle.createQuery("SELECT order_id, from_state, to_state, actor, happened_at FROM order_transitions"
                    + " WHERE order_id IN (<ids>) ORDER BY order_id, seq")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> Map.entry(Rows.uuid(rs, "order_id"), new OrderTransition(rs.getString("from_state"),
                            rs.getString("to_state"), Rows.instant(rs, "happened_at"), rs.getString("actor"))))
                    .forEach(entry -> history.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
            Map<UUID, Map<Integer, ShipmentRow>> shipments = new HashMap<>();
            sql.handle.createQuery("SELECT s.order_id, s.seq, s.carrier, s.tracking_number, s.shipped_at, q.sku,"
                    + " q.quantity FROM order_shipments s JOIN order_shipment_quantities q ON q.order_id = s.order_id"
                    + " AND q.shipment_seq = s.seq WHERE s.order_id IN (<ids>) ORDER BY s.order_id, s.seq, q.sku")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> {
                        UUID orderId = Rows.uuid(rs, "order_id");
                        ShipmentRow shipment = shipments.computeIfAbsent(orderId, key -> new TreeMap<>())
                                .computeIfAbsent(rs.getInt("seq"), seq -> new ShipmentRow(new LinkedHashMap<>()));
                        shipment.carrier = rs.getString("carrier");
                        shipment.trackingNumber = rs.getString("tracking_number");
                        shipment.shippedAt = Rows.instant(rs, "shipped_at");
                        shipment.quantities.put(Sku.of(rs.getString("sku")), rs.getLong("quantity"));
                        return shipment;
                    })
                    .list();
            List<Order> orders = new ArrayList<>(rows.size());
            for (Row row : rows) {
                List<Shipment> shipped = new ArrayList<>();
                shipments.getOrDefault(row.id(), Map.of()).values().forEach(shipment -> shipped.add(shipment.toShipment()));
                orders.add(row.toOrder(lines.getOrDefault(row.id(), List.of()), history.getOrDefault(row.id(), List.of()),
                        shipped));
            }
            return orders;
        });
    }

    /** The minor units of an order's totals. */
    private static final class Totals {
        final long subtotal;
        final long discount;
        final long tax;
        final long shipping;
        final long shippingTax;
        final long grandTotal;

        Totals(OrderTotals totals) {
            subtotal = totals.subtotal().minorUnits();
            discount = totals.discountTotal().minorUnits();
            tax = totals.taxTotal().minorUnits();
            shipping = totals.shipping().minorUnits();
            shippingTax = totals.shippingTax().minorUnits();
            grandTotal = totals.grandTotal().minorUnits();
        }
    }

    /** A shipment being assembled from its joined quantity rows. */
    private static final class ShipmentRow {
        final Map<Sku, Long> quantities;
        String carrier;
        String trackingNumber;
        Instant shippedAt;

        ShipmentRow(Map<Sku, Long> quantities) {
            this.quantities = quantities;
        }

        Shipment toShipment() {
            return new Shipment(quantities, carrier, trackingNumber, shippedAt);
        }
    }

    private record Row(UUID id, Optional<CustomerId> customerId, Optional<String> email,
            Optional<String> guestSecretHash, Currency currency,
            OrderTotals totals, Address address, Optional<String> shippingOptionId, String idempotencyKey,
            String fingerprint, OrderStatus status, OrderPaymentStatus paymentStatus, FulfillmentStatus fulfillmentStatus,
            Optional<PaymentId> paymentId, long version, Instant placedAt, Instant expiresAt) {

        static Row of(ResultSet rs) throws SQLException {
            Currency currency = Currency.getInstance(rs.getString("currency").trim());
            OrderTotals totals = new OrderTotals(Money.ofMinor(rs.getLong("subtotal_minor"), currency),
                    Money.ofMinor(rs.getLong("discount_minor"), currency), Money.ofMinor(rs.getLong("tax_minor"), currency),
                    Money.ofMinor(rs.getLong("shipping_minor"), currency),
                    Money.ofMinor(rs.getLong("shipping_tax_minor"), currency),
                    Money.ofMinor(rs.getLong("grand_total_minor"), currency), rs.getBoolean("prices_include_tax"));
            Address address = new Address(rs.getString("ship_name"), rs.getString("ship_line1"),
                    rs.getString("ship_line2"), rs.getString("ship_city"), rs.getString("ship_postal_code"),
                    rs.getString("ship_country"), Optional.ofNullable(rs.getString("ship_region")));
            UUID customer = Rows.uuid(rs, "customer_id");
            return new Row(Rows.uuid(rs, "id"), Optional.ofNullable(customer).map(CustomerId::new),
                    Optional.ofNullable(rs.getString("email")),
                    Optional.ofNullable(rs.getString("guest_secret_hash")).map(String::trim), currency, totals, address,
                    Optional.ofNullable(rs.getString("shipping_option_id")), rs.getString("idempotency_key"),
                    rs.getString("request_fingerprint"), OrderStatus.valueOf(rs.getString("status")),
                    OrderPaymentStatus.valueOf(rs.getString("payment_status")),
                    FulfillmentStatus.valueOf(rs.getString("fulfillment_status")),
                    Optional.ofNullable(Rows.uuid(rs, "payment_id")).map(PaymentId::new), rs.getLong("version"), Rows.instant(rs, "placed_at"),
                    Rows.instant(rs, "expires_at"));
        }

        Order toOrder(List<OrderLine> lines, List<OrderTransition> history, List<Shipment> shipments) {
            return new Order(new OrderId(id), customerId, email, guestSecretHash, currency, lines, totals, address, shippingOptionId,
                    idempotencyKey, fingerprint, status, paymentStatus, fulfillmentStatus, paymentId, shipments, history,
                    version, placedAt, expiresAt);
        }
    }
}
