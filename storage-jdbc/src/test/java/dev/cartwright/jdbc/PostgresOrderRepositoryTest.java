package dev.cartwright.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOrderRepositoryTest extends OrderRepositoryScenario {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected DataSource dataSource() {
        DATABASE.freshStore();
        return DATABASE.dataSource();
    }
}
