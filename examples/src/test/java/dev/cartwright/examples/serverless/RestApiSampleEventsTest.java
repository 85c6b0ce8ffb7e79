package dev.cartwright.examples.serverless;

/** The payload 1.0 sample events through {@link RestApiHandler}. */
class RestApiSampleEventsTest extends SampleEventsTest {

    @Override
    TestFunction.Version version() {
        return TestFunction.Version.V1;
    }
}
