package dev.cartwright.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/** Fresh databases for the contract tests: an in-memory H2 per call, a PostgreSQL schema per test class. */
final class TestDatabases {

    static final String POSTGRES_URL_VARIABLE = "CARTWRIGHT_POSTGRES_URL";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    /** A new, empty in-memory H2 database in PostgreSQL mode, alive until the JVM ends. */
    static DataSource freshH2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:cw" + COUNTER.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    static JdbcStore freshH2Store() {
        return JdbcStore.create(freshH2());
    }

    /** The PostgreSQL URL from the environment; skips the calling test with a message if it is not set. */
    static String postgresUrl() {
        String url = postgresUrlOrNull();
        Assumptions.assumeTrue(url != null, POSTGRES_URL_VARIABLE + " not set: PostgreSQL contract tests skipped");
        return url;
    }

    static String postgresUrlOrNull() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        return url == null || url.isBlank() ? null : url;
    }

    /** Creates a schema with a random name and returns it. */
    static String createSchema(String url) {
        String schema = "cw_" + UUID.randomUUID().toString().replace("-", "");
        execute(url, "CREATE SCHEMA " + schema);
        return schema;
    }

    static void dropSchema(String url, String schema) {
        execute(url, "DROP SCHEMA " + schema + " CASCADE");
    }

    /** A small pool over the schema; close it when the schema is dropped. */
    static HikariDataSource postgres(String url, String schema) {
        PGSimpleDataSource connections = new PGSimpleDataSource();
        connections.setURL(url);
        connections.setCurrentSchema(schema);
        HikariConfig config = new HikariConfig();
        config.setDataSource(connections);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    private static void execute(String url, String statement) {
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + statement, e);
        }
    }
}
