package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's own behaviour on H2: migrations, failures, nesting. */
class JdbcStoreTest {

    private static final Money PRICE = Money.of("12.50", "EUR");

    @Test
    void aDatabaseFailureSurfacesAsStorageWithItsCause() throws SQLException {
        DataSource dataSource = TestDatabases.freshH2();
        Commerce commerce = Commerce.builder().store(JdbcStore.create(dataSource)).build();
        execute(dataSource, "DROP TABLE products CASCADE");

        CommerceException failure = catchThrowableOfType(CommerceException.class,
                () -> commerce.catalog().create(NewProduct.of("MUG-1", "Mug", PRICE)));

        assertThat(failure.code()).isEqualTo(ErrorCode.STORAGE);
        assertThat((Object) SqlErrors.sqlCause(failure)).isNotNull();
        assertThat(failure.getMessage()).containsIgnoringCase("products");
    }

    @Test
    void anExceptionOfTheWorkPassesUnchangedAndRollsBack() {
        JdbcStore store = TestDatabases.freshH2Store();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> store.inTransaction(transaction -> {
            transaction.stock().receive(Sku.of("MUG-1"), 5);
            throw boom;
        })).isSameAs(boom);

        Optional<StockLevel> level = store.inTransaction(
                transaction -> transaction.stock().level(Sku.of("MUG-1"), Instant.now()));
        assertThat(level).isEmpty();
    }

    @Test
    void transactionsOnAnEmbeddedH2FileRunOneAtATime(@TempDir Path directory) throws InterruptedException {
        try (JdbcStore store = JdbcStore.embeddedH2(directory.resolve("shop").toString())) {
            assertThat(secondEntersWhileFirstIsOpen(store)).isFalse();
        }
    }

    /**
     * A writer holds the file's one transaction open (its work waits for the test); a catalog read on another
     * thread must finish meanwhile, seeing what was committed. Timing-free: the test waits until the read has
     * finished or its thread is parked on a lock, such as the file's, which a read must not take.
     */
    @Test
    void aReadOnAnEmbeddedH2FileDoesNotWaitForTheTransactionThatHoldsTheFile(@TempDir Path directory)
            throws Exception {
        JdbcStore store = JdbcStore.embeddedH2(directory.resolve("shop").toString());
        Commerce commerce = Commerce.builder().store(store).build();
        Product mug = commerce.catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finishWriting = new CountDownLatch(1);
        Thread writer = new Thread(() -> store.inTransaction(transaction -> {
            transaction.stock().receive(mug.sku(), 5);
            writing.countDown();
            awaitQuietly(finishWriting);
            return null;
        }), "writer");
        writer.start();
        writing.await();

        CompletableFuture<StockLevel> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                commerce.catalog().get(mug.id());
                read.complete(commerce.inventory().level(mug.sku()));
            } catch (RuntimeException | Error e) {
                read.completeExceptionally(e);
            }
        }, "reader");
        reader.start();
        while (!read.isDone() && !(reader.getState() == Thread.State.WAITING && LockSupport.getBlocker(reader) != null)) {
            Thread.onSpinWait();
        }
        boolean readWhileWriterOpen = read.isDone();
        finishWriting.countDown();
        writer.join();
        reader.join();

        assertThat(readWhileWriterOpen).as("the read finished while the writer held the file").isTrue();
        assertThat(read.get().onHand()).as("what had committed when the read ran").isZero();
        assertThat(commerce.inventory().level(mug.sku()).onHand()).isEqualTo(5);
        store.close();
    }

    @Test
    void aClosedEmbeddedFileOpensAgainWithItsData(@TempDir Path directory) {
        String path = directory.resolve("shop").toString();
        Product mug;
        try (JdbcStore store = JdbcStore.embeddedH2(path)) {
            mug = Commerce.builder().store(store).build().catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));
        }

        try (JdbcStore again = JdbcStore.embeddedH2(path)) {
            assertThat(Commerce.builder().store(again).build().catalog().get(mug.id())).isEqualTo(mug);
        }
    }

    @Test
    void everyCallAfterCloseFailsSayingTheStoreIsClosed(@TempDir Path directory) {
        JdbcStore store = JdbcStore.embeddedH2(directory.resolve("shop").toString());
        store.close();
        store.close();

        assertThatThrownBy(() -> store.inTransaction(transaction -> transaction.stock().levels(List.of(), Instant.now())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.read(transaction -> transaction.products().findBySku(Sku.of("MUG-1"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /**
     * A global temporary table and its rows live only while the database stays open: H2 keeps them in memory,
     * shared by every session, and forgets them when the database closes. Between the store's calls no other connection is open, so the row survives them only if the store
     * keeps the database open rather than closing and reopening it with each connection.
     */
    @Test
    void anEmbeddedDatabaseStaysOpenAcrossTheStoresCalls(@TempDir Path directory) throws SQLException {
        String path = directory.resolve("shop").toString();
        try (JdbcStore store = JdbcStore.embeddedH2(path)) {
            DataSource beside = h2(JdbcStore.embeddedH2Url(path));
            execute(beside, "CREATE GLOBAL TEMPORARY TABLE open_since (id INT)", "INSERT INTO open_since VALUES (1)");
            Commerce commerce = Commerce.builder().store(store).build();

            Product mug = commerce.catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));
            commerce.catalog().get(mug.id());
            commerce.inventory().receive(mug.sku(), 3);
            commerce.inventory().level(mug.sku());

            assertThat(count(beside, "SELECT COUNT(*) FROM open_since")).as("rows kept in memory by the open database")
                    .isEqualTo(1);
        }
    }

    @Test
    void closingOneOfTwoStoresOverAnEmbeddedDatabaseLeavesTheOtherWorking(@TempDir Path directory) {
        String path = directory.resolve("shop").toString();
        JdbcStore first = JdbcStore.embeddedH2(path);
        try (JdbcStore second = JdbcStore.embeddedH2(path)) {
            first.close();

            Product mug = Commerce.builder().store(second).build().catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));
            assertThat(Commerce.builder().store(second).build().catalog().get(mug.id())).isEqualTo(mug);
        }
    }

    @Test
    void closingTheLastStoreOverAnInMemoryDatabaseDropsIt() {
        String name = "dropped-" + System.nanoTime();
        try (JdbcStore store = JdbcStore.embeddedH2(name)) {
            Commerce.builder().store(store).build().catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));
        }

        try (JdbcStore again = JdbcStore.embeddedH2(name)) {
            assertThat(Commerce.builder().store(again).build().catalog().findBySku(Sku.of("MUG-1"))).isEmpty();
        }
    }

    @Test
    void closingAStoreOverAHostsDataSourceLeavesItOpen() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestDatabases.freshH2());
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcStore store = JdbcStore.create(pool);
            Commerce.builder().store(store).build().catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));

            store.close();

            assertThat(pool.isClosed()).isFalse();
            assertThat(count(pool, "SELECT COUNT(*) FROM products")).isEqualTo(1);
            try (JdbcStore another = JdbcStore.create(pool)) {
                assertThat(Commerce.builder().store(another).build().catalog().findBySku(Sku.of("MUG-1"))).isPresent();
            }
        }
    }

    private static DataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    private static long count(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void transactionsOnAnInMemoryH2DatabaseRunSideBySide() throws InterruptedException {
        assertThat(secondEntersWhileFirstIsOpen(TestDatabases.freshH2Store())).isTrue();
    }

    /**
     * Opens a transaction, starts another thread's transaction and waits, inside the first, until the second
     * either enters its work or parks waiting to; never for a set time.
     */
    private static boolean secondEntersWhileFirstIsOpen(JdbcStore store) throws InterruptedException {
        AtomicBoolean secondEntered = new AtomicBoolean();
        AtomicReference<Thread> second = new AtomicReference<>();
        boolean enteredWhileOpen = store.inTransaction(transaction -> {
            transaction.stock().receive(Sku.of("MUG-1"), 1);
            Thread thread = new Thread(() -> store.inTransaction(other -> secondEntered.getAndSet(true)));
            second.set(thread);
            thread.start();
            while (!secondEntered.get() && thread.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            return secondEntered.get();
        });
        second.get().join();
        assertThat(secondEntered).isTrue();
        return enteredWhileOpen;
    }

    @Test
    void transactionsRunAtReadCommittedWhateverThePoolDefault() {
        DataSource dataSource = TestDatabases.freshH2();
        JdbcStore.create(dataSource);

        assertThat(IsolationProbe.insideTransaction(dataSource)).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }

    @Test
    void transactionsDoNotNest() {
        JdbcStore store = TestDatabases.freshH2Store();

        assertThatThrownBy(() -> store.inTransaction(outer -> store.inTransaction(inner -> null)))
                .isInstanceOf(IllegalStateException.class);
        String result = store.inTransaction(transaction -> "still usable");
        assertThat(result).isEqualTo("still usable");
    }

    @Test
    void anEmbeddedDatabaseIsMigratedOnceAndKeepsItsDataAcrossStores() {
        String name = "embedded-" + System.nanoTime();
        Product mug = Commerce.builder().store(JdbcStore.embeddedH2(name)).build()
                .catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));

        Commerce again = Commerce.builder().store(JdbcStore.embeddedH2(name)).build();

        assertThat(again.catalog().findBySku(Sku.of("MUG-1"))).isEqualTo(Optional.of(mug));
    }

    @Test
    void migrationRunsBesideAHostsOwnTables() throws SQLException {
        DataSource dataSource = TestDatabases.freshH2();
        execute(dataSource, "CREATE TABLE host_orders (id INTEGER PRIMARY KEY)");

        Commerce commerce = Commerce.builder().store(JdbcStore.create(dataSource)).build();

        Product mug = commerce.catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));
        assertThat(commerce.catalog().findBySku(Sku.of("MUG-1"))).isEqualTo(Optional.of(mug));
    }

    @Test
    void withoutMigrationAnEmptyDatabaseFailsAsStorage() {
        JdbcStore store = JdbcStore.builder(TestDatabases.freshH2()).migrate(false).build();

        CommerceException failure = catchThrowableOfType(CommerceException.class,
                () -> store.inTransaction(transaction -> transaction.products().findBySku(Sku.of("MUG-1"))));

        assertThat(failure.code()).isEqualTo(ErrorCode.STORAGE);
        assertThat(failure.getCause()).isNotNull();
    }

    /** Runs the statements on one connection. */
    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    @Test
    void aDatabaseItsSchemaIsNotWrittenForIsRefusedNamingTheDataSource() {
        DataSource h2 = TestDatabases.freshH2();
        DataSource sqlite = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    Object result = method.invoke(h2, arguments);
                    return method.getName().equals("getConnection") ? reportingProduct((Connection) result, "SQLite")
                            : result;
                });

        assertThatThrownBy(() -> JdbcStore.create(sqlite))
                .isInstanceOfSatisfying(CommerceException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(failure.field()).contains("dataSource");
                    assertThat(failure.getMessage()).contains("SQLite");
                });
    }

    private static Connection reportingProduct(Connection connection, String product) {
        return (Connection) Proxy.newProxyInstance(JdbcStoreTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getMetaData")) {
                        DatabaseMetaData metaData = connection.getMetaData();
                        return Proxy.newProxyInstance(JdbcStoreTest.class.getClassLoader(),
                                new Class<?>[] {DatabaseMetaData.class}, (metaProxy, metaMethod, metaArguments) ->
                                        metaMethod.getName().equals("getDatabaseProductName") ? product
                                                : metaMethod.invoke(metaData, metaArguments));
                    }
                    return method.invoke(connection, arguments);
                });
    }
}
