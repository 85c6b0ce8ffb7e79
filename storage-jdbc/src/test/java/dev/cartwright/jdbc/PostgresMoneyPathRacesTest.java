package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathRacesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMoneyPathRacesTest extends MoneyPathRacesContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
