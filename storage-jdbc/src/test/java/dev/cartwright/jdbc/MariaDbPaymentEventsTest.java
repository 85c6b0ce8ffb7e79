package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.testkit.PaymentEventsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbPaymentEventsTest extends PaymentEventsContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    protected CommerceStore createStore() {
        return DATABASE.freshStore();
    }
}
