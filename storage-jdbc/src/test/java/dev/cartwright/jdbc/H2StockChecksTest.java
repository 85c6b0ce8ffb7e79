package dev.cartwright.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

class H2StockChecksTest extends StockChecksScenario {

    private DataSource dataSource;

    @BeforeEach
    void createDatabase() {
        dataSource = TestDatabases.freshH2();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected JdbcStore store() {
        return JdbcStore.create(dataSource);
    }

    @Override
    protected Dialect dialect() {
        return Dialect.H2;
    }
}
