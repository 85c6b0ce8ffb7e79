package dev.cartwright.benchmarks;

import dev.cartwright.jdbc.JdbcStore;
import dev.cartwright.money.Money;
import dev.cartwright.payment.AuthorizationRequest;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Baseline (b): the rows that Cartwright's checkout writes, in the same two writing transactions, written by hand
 * in raw JDBC with prepared statements (batched where a table gets several rows) over the same pool and Cartwright's
 * own schema. The statements were read off a Cartwright checkout with {@link StatementLog} (the {@code statements}
 * sub-command prints them). What it leaves out is what the library adds: the promotions query, the levels read
 * after the sale (for low-stock events), and the pipelining of statements into one round trip. It reads the
 * products' prices once, as any checkout must, and batches what a careful hand would batch, one statement text at a
 * time, as plain JDBC does.
 *
 * <p>Transaction 1: read prices; sell the lines with a batch of guarded {@code UPDATE stock SET on_hand = on_hand -
 * ?, sold = sold + ? WHERE sku = ? AND on_hand - reserved >= ?}; insert the pending payment, the order, its lines
 * and its first history row. Then the gateway authorizes. Transaction 2: the payment becomes authorized with its log
 * row and event; the order is confirmed with its event and two history rows.
 */
final class HandWrittenCheckout implements CheckoutSystem {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private final DataSource dataSource;
    private final CartwrightCheckout setUp;
    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

    HandWrittenCheckout(DataSource dataSource) {
        this.dataSource = dataSource;
        this.setUp = new CartwrightCheckout("set-up", JdbcStore.create(dataSource), () -> { });
    }

    @Override
    public String label() {
        return "(b) raw JDBC, our rows";
    }

    @Override
    public void stock(List<String> skus, long units) {
        setUp.stock(skus, units);
    }

    private record Line(String sku, UUID productId, String name, long unitMinor) {
    }

    @Override
    public void checkout(List<String> skus, String key) {
        List<String> sorted = new ArrayList<>(skus);
        sorted.sort(null);
        UUID orderId = UUID.randomUUID();
        UUID paymentId = UUID.randomUUID();
        String paymentKey = "order:" + orderId + ":payment:1";
        String fingerprint = sha256("direct" + sorted + "guest@example.com" + CartwrightCheckout.ADDRESS
                + CartwrightCheckout.CARD);
        long now = System.currentTimeMillis() * NANOS_PER_MILLI;
        long expiresAt = now + 30 * 60 * 1_000_000_000L;
        long total = Jdbc.inTransaction(dataSource, connection -> {
            List<Line> lines = new ArrayList<>();
            try (PreparedStatement products = connection.prepareStatement("SELECT sku, id, name, price_minor, status"
                    + " FROM products WHERE sku IN (?, ?, ?)")) {
                for (int i = 0; i < 3; i++) {
                    products.setString(i + 1, sorted.get(Math.min(i, sorted.size() - 1)));
                }
                try (ResultSet rows = products.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new Line(rows.getString(1), rows.getObject(2, UUID.class), rows.getString(3),
                                rows.getLong(4)));
                    }
                }
            }
            lines.sort((x, y) -> x.sku().compareTo(y.sku()));
            if (lines.size() != sorted.size()) {
                throw new IllegalStateException("unknown SKU in " + sorted);
            }
            try (PreparedStatement sell = connection.prepareStatement("UPDATE stock SET on_hand = on_hand - ?,"
                    + " sold = sold + ? WHERE sku = ? AND on_hand - reserved >= ?")) {
                for (Line line : lines) {
                    sell.setLong(1, 1);
                    sell.setLong(2, 1);
                    sell.setString(3, line.sku());
                    sell.setLong(4, 1);
                    sell.addBatch();
                }
                for (int moved : sell.executeBatch()) {
                    if (moved != 1) {
                        throw new IllegalStateException("out of stock: one of " + sorted);
                    }
                }
            }
            long sum = lines.stream().mapToLong(Line::unitMinor).sum();
            try (PreparedStatement payment = connection.prepareStatement("INSERT INTO payments (id, reference,"
                    + " currency, amount_minor, status, authorized_minor, captured_minor, refunded_minor, method_token,"
                    + " method_brand, method_last4, gateway_payment_id, idempotency_key, version, created_at,"
                    + " updated_at) VALUES (?, ?, 'EUR', ?, 'PENDING', 0, 0, 0, ?, ?, ?, NULL, ?, 1, ?, ?)")) {
                payment.setObject(1, paymentId);
                payment.setString(2, orderId.toString());
                payment.setLong(3, sum);
                payment.setString(4, CartwrightCheckout.CARD.token());
                payment.setString(5, CartwrightCheckout.CARD.brand());
                payment.setString(6, CartwrightCheckout.CARD.last4());
                payment.setString(7, paymentKey);
                payment.setLong(8, now);
                payment.setLong(9, now);
                payment.executeUpdate();
            }
            try (PreparedStatement order = connection.prepareStatement("INSERT INTO orders (id, id_high, id_low,"
                    + " customer_id, email, currency, subtotal_minor, discount_minor, tax_minor, shipping_minor,"
                    + " shipping_tax_minor, grand_total_minor, prices_include_tax, ship_name, ship_line1, ship_line2,"
                    + " ship_city, ship_postal_code, ship_country, ship_region, shipping_option_id, idempotency_key,"
                    + " request_fingerprint, status, payment_status, fulfillment_status, payment_id, version,"
                    + " placed_at, expires_at) VALUES (?, ?, ?, NULL, ?, 'EUR', ?, 0, 0, 0, 0, ?, FALSE, ?, ?, ?, ?,"
                    + " ?, ?, NULL, NULL, ?, ?, 'PENDING_PAYMENT', 'PENDING', 'UNFULFILLED', ?, 1, ?, ?)")) {
                var address = CartwrightCheckout.ADDRESS;
                order.setObject(1, orderId);
                order.setLong(2, orderId.getMostSignificantBits());
                order.setLong(3, orderId.getLeastSignificantBits());
                order.setString(4, "guest@example.com");
                order.setLong(5, sum);
                order.setLong(6, sum);
                order.setString(7, address.name());
                order.setString(8, address.line1());
                order.setString(9, address.line2());
                order.setString(10, address.city());
                order.setString(11, address.postalCode());
                order.setString(12, address.country());
                order.setString(13, key);
                order.setString(14, fingerprint);
                order.setObject(15, paymentId);
                order.setLong(16, now);
                order.setLong(17, expiresAt);
                order.executeUpdate();
            }
            try (PreparedStatement orderLines = connection.prepareStatement("INSERT INTO order_lines (order_id, seq,"
                    + " sku, product_id, name, unit_minor, quantity, subtotal_minor, discount_minor, tax_minor,"
                    + " total_minor, reservation_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, 0, 0, ?, NULL)")) {
                int seq = 0;
                for (Line line : lines) {
                    orderLines.setObject(1, orderId);
                    orderLines.setInt(2, seq++);
                    orderLines.setString(3, line.sku());
                    orderLines.setObject(4, line.productId());
                    orderLines.setString(5, line.name());
                    orderLines.setLong(6, line.unitMinor());
                    orderLines.setLong(7, line.unitMinor());
                    orderLines.setLong(8, line.unitMinor());
                    orderLines.addBatch();
                }
                orderLines.executeBatch();
            }
            transitions(connection, orderId, 0, now, new String[][] {{"NEW", "PENDING_PAYMENT", "guest"}});
            return sum;
        });
        GatewayResult result = gateway.authorize(new AuthorizationRequest(Money.ofMinor(total, Money.currency("EUR")),
                CartwrightCheckout.CARD.token(), paymentKey, orderId.toString(), false));
        GatewayResult.Approved approved = (GatewayResult.Approved) result;
        long then = System.currentTimeMillis() * NANOS_PER_MILLI;
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement payment = connection.prepareStatement("UPDATE payments SET status = 'AUTHORIZED',"
                    + " authorized_minor = ?, gateway_payment_id = ?, version = 2, updated_at = ?"
                    + " WHERE id = ? AND version = 1")) {
                payment.setLong(1, total);
                payment.setString(2, approved.gatewayPaymentId());
                payment.setLong(3, then);
                payment.setObject(4, paymentId);
                if (payment.executeUpdate() != 1) {
                    throw new IllegalStateException("payment changed: " + paymentId);
                }
            }
            try (PreparedStatement log = connection.prepareStatement("INSERT INTO payment_log (payment_id, seq, kind,"
                    + " amount_minor, amount_currency, gateway_event_id, detail, logged_at)"
                    + " VALUES (?, 0, 'AUTHORIZED', ?, 'EUR', NULL, ?, ?)")) {
                log.setObject(1, paymentId);
                log.setLong(2, total);
                log.setString(3, approved.gatewayPaymentId());
                log.setLong(4, then);
                log.executeUpdate();
            }
            outbox(connection, "dev.cartwright.payment.PaymentAuthorized", paymentId + "," + orderId + "," + total, then);
            outbox(connection, "dev.cartwright.order.OrderPlaced", orderId + ",,EUR " + total, then);
            try (PreparedStatement order = connection.prepareStatement("UPDATE orders SET status = 'CONFIRMED',"
                    + " payment_status = 'AUTHORIZED', version = 2 WHERE id = ? AND version = 1")) {
                order.setObject(1, orderId);
                if (order.executeUpdate() != 1) {
                    throw new IllegalStateException("order changed: " + orderId);
                }
            }
            transitions(connection, orderId, 1, then, new String[][] {{"PENDING", "AUTHORIZED", "system"},
                {"PENDING_PAYMENT", "CONFIRMED", "system"}});
            return null;
        });
    }

    private static void transitions(Connection connection, UUID orderId, int firstSeq, long at, String[][] rows)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO order_transitions (order_id, seq,"
                + " from_state, to_state, actor, happened_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            int seq = firstSeq;
            for (String[] row : rows) {
                insert.setObject(1, orderId);
                insert.setInt(2, seq++);
                insert.setString(3, row[0]);
                insert.setString(4, row[1]);
                insert.setString(5, row[2]);
                insert.setLong(6, at);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void outbox(Connection connection, String type, String payload, long at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (event_type, payload, attempts, appended_at) VALUES (?, ?, 0, ?)")) {
            insert.setString(1, type);
            insert.setString(2, payload);
            insert.setLong(3, at);
            insert.executeUpdate();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long[] onHandAndSold(String sku) {
        return setUp.onHandAndSold(sku);
    }

    @Override
    public void close() {
    }
}
