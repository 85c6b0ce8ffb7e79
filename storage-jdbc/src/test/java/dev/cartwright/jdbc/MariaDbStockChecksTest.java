package dev.cartwright.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbStockChecksTest extends StockChecksScenario {

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
    protected Dialect dialect() {
        return Dialect.MARIADB;
    }
}
