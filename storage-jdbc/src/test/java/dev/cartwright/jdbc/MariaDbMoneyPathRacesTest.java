package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathRacesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbMoneyPathRacesTest extends MoneyPathRacesContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
