package dev.cartwright.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbCheckoutRoundTripsTest extends CheckoutRoundTripsScenario {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected DataSource dataSource() {
        DATABASE.freshStore();
        return DATABASE.dataSource();
    }

    /** As H2, each statement text one round trip, and each transaction's isolation set by a statement first. */
    @Override
    protected int expectedRoundTrips() {
        return 18;
    }
}
