package dev.cartwright.jdbc;

import javax.sql.DataSource;

class H2CheckoutRoundTripsTest extends CheckoutRoundTripsScenario {

    @Override
    protected DataSource dataSource() {
        DataSource dataSource = TestDatabases.freshH2();
        JdbcStore.create(dataSource);
        return dataSource;
    }

    /** H2 runs in process: each statement text is a call of its own (a batch for several rows). */
    @Override
    protected int expectedRoundTrips() {
        return 16;
    }
}
