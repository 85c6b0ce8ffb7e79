package dev.cartwright.examples.micro;

import dev.cartwright.examples.api.ApiErrorsContract;
import dev.cartwright.examples.api.ApiHost;

/** The API's error answers over the three services, through the edge router in front of them. */
class MicroservicesApiErrorsTest extends ApiErrorsContract {

    @Override
    protected ApiHost startHost() {
        return MicroservicesHost.start();
    }
}
