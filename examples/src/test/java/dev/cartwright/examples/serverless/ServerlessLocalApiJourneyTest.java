package dev.cartwright.examples.serverless;

import dev.cartwright.examples.api.ApiHost;
import dev.cartwright.examples.api.ApiJourneyContract;

/** The API journeys over {@code serverless-local}: real HTTP, each request an HTTP API event. */
class ServerlessLocalApiJourneyTest extends ApiJourneyContract {

    @Override
    protected ApiHost startHost() {
        return ServerlessLocalHost.start();
    }
}
