package dev.cartwright.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSecretsAtRestTest extends SecretsAtRestScenario {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected DataSource dataSource() {
        return DATABASE.dataSource();
    }

    @Override
    protected JdbcStore store() {
        return DATABASE.freshStore();
    }

    @Override
    protected String currentSchema() {
        return "DATABASE()";
    }
}
