package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.MoneyPathInterleavingsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbMoneyPathInterleavingsTest extends MoneyPathInterleavingsContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
