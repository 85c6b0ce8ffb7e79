package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cartwright.catalog.Sku;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On an H2 file, a child JVM running {@link CheckoutLoad} is killed with SIGKILL in the middle of its load,
 * several times; after each kill the file is reopened here and every order the child reported as placed must
 * be there and whole (lines, payment, committed reservations), no row may be orphaned, and every SKU's stock
 * must add up to what was received.
 *
 * <p>{@link ProcessHandle#destroyForcibly()} is {@code kill -9} on Linux and macOS (the JDK sends SIGKILL), so
 * the child gets no chance to close the database; the test checks the exit status 137 (128 + 9) where that holds.
 * Set the system property {@code cartwright.durability.seed} to replay a run.
 *
 * <p>It once found an order without the payment inserted before it in the same transaction: H2 had written part
 * of an in-flight transaction (see {@link JdbcStore} on embedded files), which is why the store runs one
 * transaction at a time on an H2 file.
 */
class H2FileDurabilityTest {

    private static final int CYCLES = 4;
    private static final int THREADS = 4;
    private static final int ORDERS_BEFORE_KILL = 20;
    private static final long CHILD_TIMEOUT_SECONDS = 60;
    private static final Pattern ORDER_LINE = Pattern.compile("order ([0-9a-f-]{36}) (\\d+) (\\d+) end");

    @TempDir
    Path directory;

    private record Printed(UUID id, int lines, long grandTotalMinor) {
    }

    @Test
    void everyOrderAChildReportedSurvivesItsKillWholeAndStockStillAddsUp() throws Exception {
        long seed = Long.getLong("cartwright.durability.seed", new Random().nextLong());
        System.out.println("H2FileDurabilityTest seed " + seed + " (replay with -Dcartwright.durability.seed="
                + seed + ")");
        Random random = new Random(seed);
        String path = directory.resolve("shop").toAbsolutePath().toString();
        Map<UUID, Printed> printed = new LinkedHashMap<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            long extraMillis = random.nextInt(400);
            List<Printed> reported = runAndKill(path, random.nextLong(), extraMillis, cycle);
            for (Printed order : reported) {
                assertThat(printed.put(order.id(), order)).as("order id printed twice").isNull();
            }
            System.out.printf("cycle %d: verifying after the kill%n", cycle);
            int stored = verify(path, printed);
            System.out.printf("cycle %d: killed %d ms after order %d; %d orders printed in all, %d stored%n",
                    cycle, extraMillis, ORDERS_BEFORE_KILL, printed.size(), stored);
        }
    }

    /** Starts the child, waits for some orders and then a little more, kills it, and returns what it printed. */
    private List<Printed> runAndKill(String path, long childSeed, long extraMillis, int cycle) throws Exception {
        Path errors = directory.resolve("child-" + cycle + ".log");
        Process child = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                CheckoutLoad.class.getName(), path, Long.toString(childSeed), Integer.toString(THREADS))
                .redirectError(errors.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readAll(child, lines), "child-stdout-" + cycle);
        reader.start();
        List<Printed> reported = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
            while (reported.size() < ORDERS_BEFORE_KILL) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("cycle " + cycle + ": the child printed " + reported.size() + " orders in "
                            + CHILD_TIMEOUT_SECONDS + " s; its log:\n" + log(errors));
                }
                parse(line, cycle, errors).ifPresent(reported::add);
            }
            Thread.sleep(extraMillis);
        } finally {
            // SIGKILL on Linux: the child cannot flush or close anything. Through the handle, because
            // Process.destroyForcibly also closes our end of the pipe, losing the lines still in it.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child ended").isTrue();
        }
        reader.join(TimeUnit.SECONDS.toMillis(CHILD_TIMEOUT_SECONDS));
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(child.exitValue()).as("exit status of a SIGKILLed child").isEqualTo(128 + 9);
        }
        // Lines still in the pipe were printed after their orders committed, so they count too.
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            parse(line, cycle, errors).ifPresent(reported::add);
        }
        return reported;
    }

    private static Optional<Printed> parse(String line, int cycle, Path errors) {
        if (line.equals("ready")) {
            return Optional.empty();
        }
        Matcher matcher = ORDER_LINE.matcher(line);
        if (!matcher.matches()) {
            fail("cycle " + cycle + ": the child printed \"" + line + "\"; its log:\n" + log(errors));
        }
        return Optional.of(new Printed(UUID.fromString(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Long.parseLong(matcher.group(3))));
    }

    private static void readAll(Process child, BlockingQueue<String> lines) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("cannot read the child's output: " + e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String log(Path errors) {
        try {
            String text = Files.readString(errors);
            return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Reopens the file and checks it; the store is closed on return, which shuts the database down, so that
     * the next child can open the file.
     *
     * @return how many orders are stored
     */
    private static int verify(String path, Map<UUID, Printed> printed) throws SQLException {
        try (JdbcStore store = JdbcStore.embeddedH2(path)) {
            return verify(store, path, printed);
        }
    }

    private static int verify(JdbcStore store, String path, Map<UUID, Printed> printed) throws SQLException {
        Instant now = Instant.now();
        for (Printed expected : printed.values()) {
            store.inTransaction(tx -> {
                Optional<Order> found = tx.orders().findById(new OrderId(expected.id()));
                assertThat(found).as("printed order %s", expected.id()).isPresent();
                Order order = found.get();
                assertThat(order.status()).as("status of %s", order.id()).isEqualTo(OrderStatus.CONFIRMED);
                assertThat(order.lines()).as("lines of %s", order.id()).hasSize(expected.lines());
                assertThat(order.totals().grandTotal().minorUnits()).as("total of %s", order.id())
                        .isEqualTo(expected.grandTotalMinor());
                Optional<Payment> payment = tx.payments().findById(order.paymentId());
                assertThat(payment).as("payment of %s", order.id()).isPresent();
                assertThat(payment.get().status()).as("payment status of %s", order.id())
                        .isIn(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
                assertThat(payment.get().amount()).isEqualTo(order.totals().grandTotal());
                assertThat(payment.get().authorized()).isEqualTo(order.totals().grandTotal());
                assertThat(payment.get().reference()).isEqualTo(order.id().toString());
                for (OrderLine line : order.lines()) {
                    // Sold to the order when it was placed: no reservation held it.
                    assertThat(line.reservation()).as("reservation of %s %s", order.id(), line.sku()).isEmpty();
                }
                return null;
            });
        }
        List<Sku> skus = CheckoutLoad.SKUS.stream().map(Sku::of).toList();
        Map<Sku, StockLevel> levels = store.inTransaction(tx -> tx.stock().levels(skus, now));
        assertThat(levels).as("stocked SKUs").hasSize(skus.size());
        for (StockLevel level : levels.values()) {
            assertThat(level.available() + level.reserved() + level.sold()).as("units of %s", level.sku())
                    .isEqualTo(CheckoutLoad.RECEIVED);
        }

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(JdbcStore.embeddedH2Url(path));
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT id FROM orders")) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            // Loading validates each order: its totals must be the sums of its lines.
            for (UUID id : ids) {
                Optional<Order> order = store.inTransaction(tx -> tx.orders().findById(new OrderId(id)));
                assertThat(order).as("order %s", id).isPresent();
            }
            assertNone(sql, "orders without their payment",
                    "SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = o.payment_id)");
            assertNone(sql, "orders without lines",
                    "SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)");
            assertNone(sql, "lines without their order",
                    "SELECT COUNT(*) FROM order_lines l WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = l.order_id)");
            assertNone(sql, "payments of no order",
                    "SELECT COUNT(*) FROM payments p WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.payment_id = p.id)");
            assertNone(sql, "reservations (checkout sells at once)", "SELECT COUNT(*) FROM reservations");
            // The sale and the order commit together: what stock counts as sold is what the orders hold, placed
            // (waiting for their payment after a kill) or confirmed.
            assertNone(sql, "SKUs whose sold units differ from the units of their orders", "SELECT COUNT(*)"
                    + " FROM stock s WHERE s.sold <> (SELECT COALESCE(SUM(l.quantity - l.returned), 0)"
                    + " FROM order_lines l JOIN orders o ON o.id = l.order_id"
                    + " WHERE l.sku = s.sku AND o.status IN ('PENDING_PAYMENT', 'CONFIRMED'))");
            assertNone(sql, "orders whose payment does not match", "SELECT COUNT(*) FROM orders o"
                    + " JOIN payments p ON p.id = o.payment_id"
                    + " WHERE p.amount_minor <> o.grand_total_minor OR p.currency <> o.currency"
                    + " OR NOT (o.status = 'CONFIRMED' AND p.status IN ('AUTHORIZED', 'CAPTURED')"
                    + " AND p.authorized_minor = p.amount_minor AND o.payment_status = p.status"
                    + " OR o.status = 'PENDING_PAYMENT' AND p.status = 'PENDING' AND p.authorized_minor = 0"
                    + " AND o.payment_status = 'PENDING')");
            assertNone(sql, "authorized payments without their log entry", "SELECT COUNT(*) FROM payments p"
                    + " WHERE p.status <> 'PENDING' AND NOT EXISTS (SELECT 1 FROM payment_log g"
                    + " WHERE g.payment_id = p.id AND g.kind = 'AUTHORIZED')");
            assertNone(sql, "stock rows that do not add up", "SELECT COUNT(*) FROM stock s"
                    + " WHERE s.on_hand < s.reserved OR s.reserved < 0 OR s.sold < 0"
                    + " OR s.on_hand + s.sold <> " + CheckoutLoad.RECEIVED
                    + " OR s.reserved <> 0");
            return ids.size();
        }
    }

    private static void assertNone(Statement sql, String what, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            assertThat(rows.getLong(1)).as(what).isZero();
        }
    }
}
