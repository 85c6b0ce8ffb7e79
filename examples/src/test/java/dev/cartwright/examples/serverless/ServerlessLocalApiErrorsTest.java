package dev.cartwright.examples.serverless;

import dev.cartwright.examples.api.ApiErrorsContract;
import dev.cartwright.examples.api.ApiHost;

/** The API's error answers over {@code serverless-local}: real HTTP, each request an HTTP API event. */
class ServerlessLocalApiErrorsTest extends ApiErrorsContract {

    @Override
    protected ApiHost startHost() {
        return ServerlessLocalHost.start();
    }
}
