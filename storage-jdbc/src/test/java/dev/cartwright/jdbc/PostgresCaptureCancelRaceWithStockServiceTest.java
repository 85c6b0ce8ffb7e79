package dev.cartwright.jdbc;

import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.CaptureCancelRaceContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCaptureCancelRaceWithStockServiceTest extends CaptureCancelRaceContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }

    /** The same contract with the stock kept by a stock service: the store's own, served in process. */
    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder)
                .stockService(Commerce.builder().store(store).clock(clock).build().stockService());
    }
}
