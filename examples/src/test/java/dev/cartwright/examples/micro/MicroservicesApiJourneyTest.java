package dev.cartwright.examples.micro;

import dev.cartwright.examples.api.ApiHost;
import dev.cartwright.examples.api.ApiJourneyContract;

/**
 * The API journeys over the three services, through the edge router in front of them, with the difference of the
 * architecture: login is user-service's and carts are order-service's, so no guest cart is merged at login. A
 * refund's restock is returned at product-service, which keeps the stock, before order-service records the refund.
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
}
