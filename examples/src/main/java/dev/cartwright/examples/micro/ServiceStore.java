package dev.cartwright.examples.micro;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cartwright.examples.server.EmbeddedDatabases;
import dev.cartwright.jdbc.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A service's own database: its pool and the {@link JdbcStore} over it, closed together. */
final class ServiceStore implements AutoCloseable {

    private final HikariDataSource pool;
    private final JdbcStore store;
    private final String description;

    private ServiceStore(HikariDataSource pool, JdbcStore store, String description) {
        this.pool = pool;
        this.store = store;
        this.description = description;
    }

    /**
     * Opens the service's store (creating its PostgreSQL schema first if it has one) and migrates it.
     *
     * @param service the service's name
     * @param settings where its store is
     * @return the open store
     */
    static ServiceStore open(String service, ServiceSettings settings) {
        ServiceSettings.Store where = settings.store(service);
        if (!where.jdbcUrl().startsWith("jdbc:")) {
            throw new IllegalArgumentException("DATABASE_URL must be a JDBC URL (jdbc:postgresql://host:5432/db?user=..."
                    + "&password=..., or jdbc:h2:...)");
        }
        where.schema().ifPresent(schema -> createSchema(where.jdbcUrl(), schema));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(EmbeddedDatabases.closedByTheHost(where.jdbcUrl()));
        config.setPoolName(service);
        config.setMaximumPoolSize(10);
        config.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new ServiceStore(pool, JdbcStore.create(pool), where.describe());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static void createSchema(String url, String schema) {
        // The URL's currentSchema must exist before the pool's connections use it.
        String withoutSchema = url.replaceFirst("currentSchema=[^&]*&?", "").replaceFirst("[?&]$", "");
        try (Connection connection = DriverManager.getConnection(withoutSchema);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** @return the store */
    JdbcStore store() {
        return store;
    }

    /** @return where it is, without a password */
    String describe() {
        return description;
    }

    @Override
    public void close() {
        store.close();
        pool.close();
    }
}
