package dev.cartwright.jdbc;

import dev.cartwright.error.CommerceException;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * An embedded H2 database that {@link JdbcStore#embeddedH2} opened and its store closes: H2's own connection
 * pool over it, built by reflection so that H2 stays an optional dependency.
 *
 * <p>The URL keeps the database open while any store in this JVM is open over it ({@code DB_CLOSE_DELAY=-1}),
 * so no call pays for opening it again; the last of those stores to close shuts it down ({@code SHUTDOWN}),
 * which for a file writes and releases it, and for an in-memory database drops it.
 */
final class EmbeddedH2 {

    /** Connections the pool keeps at most; a caller past them waits for one (H2's pool waits up to 30 s). */
    static final int MAX_CONNECTIONS = 32;

    /** How many open stores each database (its canonical name) has in this JVM. */
    private static final Map<String, Integer> OPEN_STORES = new HashMap<>();

    private final String database;
    private final DataSource pool;

    private EmbeddedH2(String database, DataSource pool) {
        this.database = database;
        this.pool = pool;
    }

    /**
     * @param database the database's canonical name (a file's absolute path, or {@code mem:} and a name)
     * @param url the JDBC URL that opens it
     * @return a pool over it, counted as one more store open over the database
     */
    static EmbeddedH2 open(String database, String url) {
        DataSource pool;
        try {
            Class<?> type = Class.forName("org.h2.jdbcx.JdbcConnectionPool");
            pool = (DataSource) type.getMethod("create", String.class, String.class, String.class)
                    .invoke(null, url, "", "");
            type.getMethod("setMaxConnections", int.class).invoke(pool, MAX_CONNECTIONS);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw CommerceException.storage("H2 (com.h2database:h2) is needed on the class path for an embedded store", e);
        }
        synchronized (OPEN_STORES) {
            OPEN_STORES.merge(database, 1, Integer::sum);
        }
        return new EmbeddedH2(database, pool);
    }

    DataSource dataSource() {
        return pool;
    }

    /** Closes this store's pool, and shuts the database down if no other store in this JVM is open over it. */
    void close() {
        synchronized (OPEN_STORES) {
            int left = OPEN_STORES.merge(database, -1, Integer::sum);
            try {
                if (left == 0) {
                    OPEN_STORES.remove(database);
                    shutDown();
                }
            } finally {
                dispose();
            }
        }
    }

    private void shutDown() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // SHUTDOWN closes every session, the one that asked for it too: handing it back may fail.
            if (!isClosedConnection(e)) {
                throw CommerceException.storage("could not shut down the embedded H2 database " + database, e);
            }
        }
    }

    /** H2's "database is already closed" (90121) and "object already closed" (90007). */
    private static boolean isClosedConnection(SQLException e) {
        return e.getErrorCode() == 90121 || e.getErrorCode() == 90007;
    }

    private void dispose() {
        try {
            pool.getClass().getMethod("dispose").invoke(pool);
        } catch (InvocationTargetException e) {
            throw CommerceException.storage("could not close the pool of " + database, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw CommerceException.storage("could not close the pool of " + database, e);
        }
    }
}
