package dev.cartwright.benchmarks;

import dev.cartwright.money.Money;
import dev.cartwright.payment.AuthorizationRequest;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Baseline (a): the simplest checkout that is still correct, in raw JDBC with prepared statements over the same
 * pool, against its own tiny schema. The card is authorized by the same simulated gateway first, then one
 * transaction: a guarded {@code UPDATE stock SET on_hand = on_hand - ? WHERE sku = ? AND on_hand >= ?} per line (in
 * SKU order, so no deadlocks), one order row, the line rows in one batch, one payment row, commit.
 */
final class MinimalJdbcCheckout implements CheckoutSystem {

    private static final String[] SCHEMA = {
        "CREATE TABLE mini_stock (sku VARCHAR(64) PRIMARY KEY, on_hand BIGINT NOT NULL, price_minor BIGINT NOT NULL)",
        "CREATE TABLE mini_orders (id UUID PRIMARY KEY, email VARCHAR NOT NULL, currency CHAR(3) NOT NULL,"
                + " total_minor BIGINT NOT NULL, status VARCHAR(32) NOT NULL, placed_at BIGINT NOT NULL)",
        "CREATE TABLE mini_order_lines (order_id UUID NOT NULL, seq INTEGER NOT NULL, sku VARCHAR(64) NOT NULL,"
                + " quantity BIGINT NOT NULL, unit_minor BIGINT NOT NULL, PRIMARY KEY (order_id, seq))",
        "CREATE TABLE mini_payments (id UUID PRIMARY KEY, order_id UUID NOT NULL, amount_minor BIGINT NOT NULL,"
                + " status VARCHAR(32) NOT NULL, gateway_payment_id VARCHAR NOT NULL)",
    };

    private final DataSource dataSource;
    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

    MinimalJdbcCheckout(DataSource dataSource) {
        this.dataSource = dataSource;
        Jdbc.inTransaction(dataSource, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    @Override
    public String label() {
        return "(a) raw JDBC, minimal";
    }

    @Override
    public void stock(List<String> skus, long units) {
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO mini_stock (sku, on_hand, price_minor) VALUES (?, ?, 1000)")) {
                for (String sku : skus) {
                    insert.setString(1, sku);
                    insert.setLong(2, units);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void checkout(List<String> skus, String key) {
        List<String> sorted = new ArrayList<>(skus);
        sorted.sort(null);
        UUID orderId = UUID.randomUUID();
        long total = 1000L * skus.size();
        GatewayResult result = gateway.authorize(new AuthorizationRequest(Money.ofMinor(total, Money.currency("EUR")),
                SimulatedPaymentGateway.VISA, "order:" + orderId, orderId.toString(), false));
        String gatewayId = ((GatewayResult.Approved) result).gatewayPaymentId();
        Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement take = connection.prepareStatement(
                    "UPDATE mini_stock SET on_hand = on_hand - ? WHERE sku = ? AND on_hand >= ?")) {
                for (String sku : sorted) {
                    take.setLong(1, 1);
                    take.setString(2, sku);
                    take.setLong(3, 1);
                    if (take.executeUpdate() != 1) {
                        throw new IllegalStateException("out of stock: " + sku);
                    }
                }
            }
            try (PreparedStatement order = connection.prepareStatement("INSERT INTO mini_orders"
                    + " (id, email, currency, total_minor, status, placed_at) VALUES (?, ?, 'EUR', ?, 'CONFIRMED', ?)")) {
                order.setObject(1, orderId);
                order.setString(2, "guest@example.com");
                order.setLong(3, total);
                order.setLong(4, System.currentTimeMillis());
                order.executeUpdate();
            }
            try (PreparedStatement lines = connection.prepareStatement("INSERT INTO mini_order_lines"
                    + " (order_id, seq, sku, quantity, unit_minor) VALUES (?, ?, ?, 1, 1000)")) {
                int seq = 0;
                for (String sku : skus) {
                    lines.setObject(1, orderId);
                    lines.setInt(2, seq++);
                    lines.setString(3, sku);
                    lines.addBatch();
                }
                lines.executeBatch();
            }
            try (PreparedStatement payment = connection.prepareStatement("INSERT INTO mini_payments"
                    + " (id, order_id, amount_minor, status, gateway_payment_id) VALUES (?, ?, ?, 'AUTHORIZED', ?)")) {
                payment.setObject(1, UUID.randomUUID());
                payment.setObject(2, orderId);
                payment.setLong(3, total);
                payment.setString(4, gatewayId);
                payment.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long[] onHandAndSold(String sku) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT s.on_hand, (SELECT COALESCE(SUM(l.quantity), 0)"
                    + " FROM mini_order_lines l WHERE l.sku = s.sku) FROM mini_stock s WHERE s.sku = ?")) {
                query.setString(1, sku);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return new long[] {rows.getLong(1), rows.getLong(2)};
                }
            }
        });
    }

    @Override
    public void close() {
    }
}
