package dev.cartwright.jdbc;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.money.Money;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Not a test: a timing loop (no JMH) of 1,000 {@code catalog().get(id)} reads and 100 {@code inventory().receive}
 * transactions on an H2 file, under each way of reaching it, three rounds. It chose how {@link JdbcStore#embeddedH2}
 * keeps its database open. Run it with the test class path, for example
 * {@code java -cp <storage-jdbc test class path> dev.cartwright.jdbc.EmbeddedH2Timing}.
 *
 * <ul>
 *   <li>{@code reopen}: H2's unpooled data source, no {@code DB_CLOSE_DELAY} (what {@code embeddedH2} did: H2
 *       closes the file when a call's connection closes, and the next call opens it again);
 *   <li>{@code closeDelay}: the same with {@code DB_CLOSE_DELAY=-1}; {@code closeDelayHeld}: and one connection
 *       held open beside;
 *   <li>{@code h2pool}: H2's {@code JdbcConnectionPool} with {@code DB_CLOSE_DELAY=-1};
 *   <li>{@code embeddedH2}: {@link JdbcStore#embeddedH2} as built.
 * </ul>
 */
public final class EmbeddedH2Timing {

    private static final String[] WAYS = {"reopen", "closeDelay", "closeDelayHeld", "h2pool", "embeddedH2"};

    private EmbeddedH2Timing() {
    }

    public static void main(String[] args) throws Exception {
        for (int round = 1; round <= 3; round++) {
            for (String way : WAYS) {
                time(round, way);
            }
        }
    }

    private static void time(int round, String way) throws Exception {
        Path folder = Files.createTempDirectory("cartwright-timing");
        String path = folder.resolve("shop").toString();
        String base = "jdbc:h2:file:" + path + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "LOCK_TIMEOUT=10000;WRITE_DELAY=0";
        String url = way.equals("reopen") ? base : base + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = way.equals("h2pool") ? JdbcConnectionPool.create(url, "", "") : null;
        DataSource dataSource = pool != null ? pool : plain(url);
        Connection held = way.equals("closeDelayHeld") ? dataSource.getConnection() : null;
        JdbcStore store = way.equals("embeddedH2") ? JdbcStore.embeddedH2(path) : JdbcStore.create(dataSource);
        Commerce commerce = Commerce.builder().store(store).build();
        Product mug = commerce.catalog().create(NewProduct.of("MUG-1", "Mug", Money.of("1.00", "EUR")));
        for (int i = 0; i < 200; i++) {
            commerce.catalog().get(mug.id());
        }
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            commerce.catalog().get(mug.id());
        }
        long reads = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            commerce.inventory().receive(mug.sku(), 1);
        }
        long writes = System.nanoTime() - start;
        System.out.printf("round %d %-15s 1,000 catalog().get: %9.1f ms (%8.1f us each); 100 inventory().receive: %7.1f ms%n",
                round, way, reads / 1e6, reads / 1e3 / 1000, writes / 1e6);
        if (held != null) {
            held.close();
        }
        store.close();
        if (!way.equals("embeddedH2")) {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("SHUTDOWN");
            } catch (SQLException closedByShutdown) {
                // SHUTDOWN closes the session that ran it
            }
        }
        if (pool != null) {
            pool.dispose();
        }
    }

    private static DataSource plain(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
