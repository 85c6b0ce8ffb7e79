package dev.cartwright.examples.micro;

import dev.cartwright.examples.api.ApiHost;
import dev.cartwright.examples.api.ApiJourneyContract;

/**
 * The API journeys over the three services, through the edge router in front of them, with the two differences of
 * the architecture: login is user-service's and carts are order-service's, so no guest cart is merged at login; and
 * stock is product-service's, so a refund cannot restock in its own transaction.
 */
class MicroservicesApiJourneyTest extends ApiJourneyContract {

    @Override
    protected ApiHost startHost() {
        return MicroservicesHost.start();
    }

    @Override
    protected boolean mergesGuestCartsAtLogin() {
        return false;
    }

    @Override
    protected boolean restocksAtRefund() {
        return false;
    }
}
