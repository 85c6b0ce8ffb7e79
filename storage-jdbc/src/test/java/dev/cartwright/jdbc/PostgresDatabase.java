package dev.cartwright.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema of its own for one test class ({@code @RegisterExtension static}): created and
 * migrated before the class, emptied before each test by {@link #freshStore()}, dropped after the class.
 * Skips each test, with a message, when {@value TestDatabases#POSTGRES_URL_VARIABLE} is not set.
 */
final class PostgresDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private String url;
    private String schema;
    private HikariDataSource dataSource;
    private JdbcStore store;

    @Override
    public void beforeAll(ExtensionContext context) {
        url = TestDatabases.postgresUrlOrNull();
        if (url == null) {
            return;
        }
        schema = TestDatabases.createSchema(url);
        dataSource = TestDatabases.postgres(url, schema);
        store = JdbcStore.create(dataSource);
    }

    /** Skips each test, so that every skipped test shows with the reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabases.postgresUrl();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dataSource != null) {
            dataSource.close();
        }
        if (schema != null) {
            TestDatabases.dropSchema(url, schema);
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
                    + " WHERE table_schema = '" + schema + "' AND table_name <> '" + JdbcStore.HISTORY_TABLE + "'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            sql.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty schema " + schema, e);
        }
        return store;
    }
}
