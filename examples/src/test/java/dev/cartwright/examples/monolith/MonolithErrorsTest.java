package dev.cartwright.examples.monolith;

import dev.cartwright.examples.api.ApiErrorsContract;
import dev.cartwright.examples.api.ApiHost;

/** The API's error answers over the monolith. */
class MonolithErrorsTest extends ApiErrorsContract {

    @Override
    protected ApiHost startHost() {
        return MonolithHost.start();
    }
}
