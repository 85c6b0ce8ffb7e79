package dev.cartwright.jdbc;

import dev.cartwright.catalog.Sku;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/** Finds the isolation level a store's transaction runs at when the pool hands out SERIALIZABLE connections. */
final class IsolationProbe {

    private IsolationProbe() {
    }

    /**
     * @param target where the (migrated) tables are
     * @return the JDBC isolation level seen inside a transaction of a store over {@code target}
     */
    static int insideTransaction(DataSource target) {
        AtomicReference<Connection> last = new AtomicReference<>();
        DataSource serializable = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    Object result = method.invoke(target, arguments);
                    if (result instanceof Connection connection) {
                        connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                        last.set(connection);
                    }
                    return result;
                });
        JdbcStore store = JdbcStore.builder(serializable).migrate(false).build();
        return store.inTransaction(transaction -> {
            transaction.stock().level(Sku.of("PROBE-1"), Instant.now());
            try {
                // Asked of the driver's own connection: a pool's proxy may answer from what it last set.
                return last.get().unwrap(Connection.class).getTransactionIsolation();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
