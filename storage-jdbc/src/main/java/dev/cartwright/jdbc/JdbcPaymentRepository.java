package dev.cartwright.jdbc;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentLogEntry;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.PaymentRepository;
import dev.cartwright.payment.PaymentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Payments as a row plus their ordered log rows, read in two queries; gateway event ids in a keyed table. */
final class JdbcPaymentRepository implements PaymentRepository {

    private static final String SELECT = "SELECT id, reference, currency, amount_minor, status, authorized_minor,"
            + " captured_minor, refunded_minor, method_token, method_brand, method_last4, gateway_payment_id,"
            + " idempotency_key, version, created_at, updated_at FROM payments";

    private final Sql sql;

    JdbcPaymentRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Payment payment) {
        Validate.notNull(payment, "payment");
        sql.defer("INSERT INTO payments (id, reference, currency, amount_minor, status, authorized_minor,"
                + " captured_minor, refunded_minor, method_token, method_brand, method_last4, gateway_payment_id,"
                + " idempotency_key, version, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                payment.id().value(), payment.reference(), payment.currency().getCurrencyCode(),
                payment.amount().minorUnits(), payment.status().name(), payment.authorized().minorUnits(),
                payment.captured().minorUnits(), payment.refunded().minorUnits(), payment.method().token(),
                Rows.text(payment.method().brand()), Rows.text(payment.method().last4()),
                Rows.text(payment.gatewayPaymentId()), payment.idempotencyKey(), payment.version(),
                Rows.nanos(payment.createdAt()), Rows.nanos(payment.updatedAt()));
        insertLog(payment.id(), payment.log(), 0);
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        Validate.notNull(id, "id");
        return load(SELECT + " WHERE id = :key", id.value()).stream().findFirst();
    }

    @Override
    public Optional<Payment> findByIdForUpdate(PaymentId id) {
        Validate.notNull(id, "id");
        return load(SELECT + " WHERE id = :key FOR UPDATE", id.value()).stream().findFirst();
    }

    @Override
    public List<Payment> findByReference(String reference) {
        Validate.notNull(reference, "reference");
        return load(SELECT + " WHERE reference = :key ORDER BY seq", reference);
    }

    @Override
    public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
        Validate.notNull(idempotencyKey, "idempotencyKey");
        return load(SELECT + " WHERE idempotency_key = :key", idempotencyKey).stream().findFirst();
    }

    /**
     * Held back, like an insert, until the transaction's next statement or its commit, and checked then (see
     * {@link JdbcOrderRepository#update}); the log only grows, so every entry is written unless already stored.
     */
    @Override
    public void update(Payment payment, long expectedVersion) {
        Validate.notNull(payment, "payment");
        sql.defer(count -> updated(payment, expectedVersion, count), "UPDATE payments SET status = ?,"
                + " authorized_minor = ?, captured_minor = ?, refunded_minor = ?, amount_minor = ?, currency = ?,"
                + " method_token = ?, method_brand = ?, method_last4 = ?, gateway_payment_id = ?, version = ?,"
                + " updated_at = ? WHERE id = ? AND version = ? AND idempotency_key = ? AND reference = ?",
                payment.status().name(), payment.authorized().minorUnits(), payment.captured().minorUnits(),
                payment.refunded().minorUnits(), payment.amount().minorUnits(), payment.currency().getCurrencyCode(),
                payment.method().token(), Rows.text(payment.method().brand()), Rows.text(payment.method().last4()),
                Rows.text(payment.gatewayPaymentId()), payment.version(), Rows.nanos(payment.updatedAt()),
                payment.id().value(), expectedVersion, payment.idempotencyKey(), payment.reference());
        for (int seq = 0; seq < payment.log().size(); seq++) {
            PaymentLogEntry entry = payment.log().get(seq);
            sql.defer(sql.dialect.insertUnlessTaken("INTO payment_log (payment_id, seq, kind, amount_minor,"
                    + " amount_currency, gateway_event_id, detail, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                    payment.id().value(), seq, entry.kind().name(), entry.amount().minorUnits(),
                    entry.amount().currency().getCurrencyCode(), Rows.text(entry.gatewayEventId()),
                    Rows.text(entry.detail()), Rows.nanos(entry.at()));
        }
    }

    /** Tells why a held-back update of a payment changed no row: a stale version, a missing payment, a new key. */
    private void updated(Payment payment, long expectedVersion, int count) {
        if (count == 1) {
            return;
        }
        sql.explainMissedUpdate("payments", "payment", payment.id(), payment.id().value(), expectedVersion);
        throw CommerceException.invalid("payment", "must keep its idempotency key and reference");
    }

    @Override
    public boolean recordGatewayEvent(PaymentId paymentId, String gatewayEventId, Instant receivedAt) {
        Validate.notNull(paymentId, "paymentId");
        Validate.notBlank(gatewayEventId, "gatewayEventId", 255);
        Validate.notNull(receivedAt, "receivedAt");
        return sql.run(() -> sql.handle.createUpdate(sql.dialect.insertUnlessTaken("INTO payment_gateway_events"
                + " (gateway_event_id, payment_id, received_at) VALUES (:eventId, :paymentId, :receivedAt)"))
                .bind("eventId", gatewayEventId)
                .bind("paymentId", paymentId.value())
                .bind("receivedAt", Rows.nanos(receivedAt))
                .execute() == 1);
    }

    /** Held back until the transaction's next statement: nothing reads the log before then. */
    private void insertLog(PaymentId id, List<PaymentLogEntry> entries, int firstSeq) {
        int seq = firstSeq;
        for (PaymentLogEntry entry : entries) {
            sql.defer("INSERT INTO payment_log (payment_id, seq, kind, amount_minor, amount_currency,"
                    + " gateway_event_id, detail, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id.value(), seq++, entry.kind().name(), entry.amount().minorUnits(),
                    entry.amount().currency().getCurrencyCode(), Rows.text(entry.gatewayEventId()),
                    Rows.text(entry.detail()), Rows.nanos(entry.at()));
        }
    }

    private List<Payment> load(String select, Object key) {
        return sql.run(() -> {
            List<Row> rows = sql.handle.createQuery(select).bind("key", key).map((rs, ctx) -> Row.of(rs)).list();
            if (rows.isEmpty()) {
                return List.of();
            }
            Map<UUID, List<PaymentLogEntry>> logs = new HashMap<>();
            sql.handle.createQuery("SELECT payment_id, kind, amount_minor, amount_currency, gateway_event_id, detail,"
                    + " logged_at FROM payment_log WHERE payment_id IN (<ids>) ORDER BY payment_id, seq")
                    .bindList("ids", rows.stream().map(Row::id).toList())
                    .map((rs, ctx) -> Map.entry(Rows.uuid(rs, "payment_id"), new PaymentLogEntry(
                            PaymentLogEntry.Kind.valueOf(rs.getString("kind")),
                            Rows.money(rs, "amount_minor", "amount_currency"), rs.getString("gateway_event_id"),
                            rs.getString("detail"), Rows.instant(rs, "logged_at"))))
                    .forEach(entry -> logs.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
            List<Payment> payments = new ArrayList<>(rows.size());
            for (Row row : rows) {
                payments.add(row.toPayment(logs.getOrDefault(row.id(), List.of())));
            }
            return payments;
        });
    }

    private record Row(UUID id, String reference, Currency currency, long amount, String status, long authorized,
            long captured, long refunded, PaymentMethod method, String gatewayPaymentId, String idempotencyKey,
            long version, Instant createdAt, Instant updatedAt) {

        static Row of(ResultSet rs) throws SQLException {
            return new Row(Rows.uuid(rs, "id"), rs.getString("reference"),
                    Currency.getInstance(rs.getString("currency").trim()), rs.getLong("amount_minor"),
                    rs.getString("status"), rs.getLong("authorized_minor"), rs.getLong("captured_minor"),
                    rs.getLong("refunded_minor"), PaymentMethod.of(rs.getString("method_token"),
                            rs.getString("method_brand"), rs.getString("method_last4")),
                    rs.getString("gateway_payment_id"), rs.getString("idempotency_key"), rs.getLong("version"),
                    Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
        }

        Payment toPayment(List<PaymentLogEntry> log) {
            return new Payment(new PaymentId(id), reference, Money.ofMinor(amount, currency), PaymentStatus.valueOf(status),
                    Money.ofMinor(authorized, currency), Money.ofMinor(captured, currency),
                    Money.ofMinor(refunded, currency), method, gatewayPaymentId, idempotencyKey, log, version,
                    createdAt, updatedAt);
        }
    }
}
