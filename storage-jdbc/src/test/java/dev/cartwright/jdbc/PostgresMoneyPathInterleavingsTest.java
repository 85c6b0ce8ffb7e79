package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathInterleavingsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMoneyPathInterleavingsTest extends MoneyPathInterleavingsContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
