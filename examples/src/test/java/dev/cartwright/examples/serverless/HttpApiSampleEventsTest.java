package dev.cartwright.examples.serverless;

/** The payload 2.0 sample events through {@link HttpApiHandler}. */
class HttpApiSampleEventsTest extends SampleEventsTest {

    @Override
    TestFunction.Version version() {
        return TestFunction.Version.V2;
    }
}
