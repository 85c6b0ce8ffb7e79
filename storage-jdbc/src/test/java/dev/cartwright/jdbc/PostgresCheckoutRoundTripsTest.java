package dev.cartwright.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCheckoutRoundTripsTest extends CheckoutRoundTripsScenario {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected DataSource dataSource() {
        DATABASE.freshStore();
        return DATABASE.dataSource();
    }

    /** Two reads, then each transaction's one pipeline and its commit. */
    @Override
    protected int expectedRoundTrips() {
        return 6;
    }

    @Override
    protected boolean defersTheRecordingCommit() {
        return true;
    }
}
