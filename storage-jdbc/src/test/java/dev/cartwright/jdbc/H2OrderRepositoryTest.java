package dev.cartwright.jdbc;

import javax.sql.DataSource;

class H2OrderRepositoryTest extends OrderRepositoryScenario {

    private DataSource dataSource;

    @Override
    protected DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.freshH2();
            JdbcStore.create(dataSource);
        }
        return dataSource;
    }
}
