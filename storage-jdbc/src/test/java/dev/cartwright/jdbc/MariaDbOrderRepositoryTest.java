package dev.cartwright.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbOrderRepositoryTest extends OrderRepositoryScenario {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected DataSource dataSource() {
        DATABASE.freshStore();
        return DATABASE.dataSource();
    }
}
