package dev.cartwright.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MariaDB database of its own for one test class ({@code @RegisterExtension static}): created and migrated
 * before the class, emptied before each test by {@link #freshStore()}, dropped after the class. Skips each
 * test, with a message, when {@value #URL_VARIABLE} is not set.
 */
final class MariaDbDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** The environment variable with the server's URL, such as {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}. */
    static final String URL_VARIABLE = "CARTWRIGHT_MARIADB_URL";

    private String url;
    private String database;
    private HikariDataSource dataSource;
    private JdbcStore store;

    @Override
    public void beforeAll(ExtensionContext context) {
        url = urlOrNull();
        if (url == null) {
            return;
        }
        database = "cw_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setCatalog(database);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(0);
        dataSource = new HikariDataSource(config);
        store = JdbcStore.create(dataSource);
    }

    /** Skips each test, so that every skipped test shows with the reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(urlOrNull() != null, URL_VARIABLE + " not set: MariaDB contract tests skipped");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dataSource != null) {
            dataSource.close();
        }
        if (database != null) {
            execute("DROP DATABASE " + database);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The class's store, with every Cartwright table emptied. */
    JdbcStore freshStore() {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = '" + database + "' AND table_name <> '" + JdbcStore.HISTORY_TABLE + "'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            sql.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : tables) {
                sql.execute("TRUNCATE TABLE " + table);
            }
            sql.execute("SET FOREIGN_KEY_CHECKS = 1");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty database " + database, e);
        }
        return store;
    }

    private static String urlOrNull() {
        String value = System.getenv(URL_VARIABLE);
        return value == null || value.isBlank() ? null : value;
    }

    private void execute(String statement) {
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + statement, e);
        }
    }
}
