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
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
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
        JdbcStore store = JdbcStore.embeddedH2(directory.resolve("shop").toString());

        assertThat(secondEntersWhileFirstIsOpen(store)).isFalse();
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

    private static void execute(DataSource dataSource, String statement) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
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
