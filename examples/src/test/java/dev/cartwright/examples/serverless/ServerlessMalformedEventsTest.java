package dev.cartwright.examples.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cartwright.examples.serverless.TestFunction.Reply;
import dev.cartwright.examples.serverless.TestFunction.Version;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Events that describe no valid request are answered 4xx as problem JSON; nothing is thrown out of a handler. */
class ServerlessMalformedEventsTest {

    private final TestFunction function = new TestFunction();

    @Test
    void nullEventIsABadRequest() {
        assertThat(function.httpApi.handleRequest((APIGatewayV2HTTPEvent) null, new LocalContext()).getStatusCode())
                .isEqualTo(400);
        var v1 = function.restApi.handleRequest((APIGatewayProxyRequestEvent) null, new LocalContext());
        assertThat(v1.getStatusCode()).isEqualTo(400);
        assertThat(v1.getHeaders()).containsEntry("Content-Type", "application/problem+json")
                .containsKey("X-Request-Id").containsEntry("X-Content-Type-Options", "nosniff");
    }

    @Test
    void httpApiEventWithoutRequestContextIsABadRequest() {
        Reply reply = function.invoke("{\"version\":\"2.0\",\"rawPath\":\"/products\",\"headers\":{}}").expect(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("requestContext.http.method");
    }

    @Test
    void restApiEventWithoutHttpMethodIsABadRequest() {
        Reply reply = function.invoke("{\"path\":\"/products\",\"requestContext\":{\"stage\":\"prod\","
                + "\"requestId\":\"gateway-id-1\"}}").expect(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("httpMethod");
        assertThat(reply.header("X-Request-Id")).as("API Gateway's request id").contains("gateway-id-1");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void eventWithoutPathIsABadRequest(Version version) {
        String event = version == Version.V1 ? "{\"httpMethod\":\"GET\"}"
                : "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}";
        function.invoke(event).expect(400);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void badJsonBodyIsABadRequest(Version version) {
        function.invoke(TestFunction.event(version, "POST", "/users", "{\"email\":", "Content-Type",
                "application/json")).expect(400);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void base64GarbageIsABadRequest(Version version) {
        String event = TestFunction.event(version, "POST", "/users", "this is not base64!!", "Content-Type",
                "application/json").replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true");
        Reply reply = function.invoke(event).expect(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("body");
        assertThat(reply.json().get("detail").asText()).contains("base64");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void base64BodyIsDecoded(Version version) {
        String event = TestFunction.event(version, "POST", "/users",
                TestFunction.base64("{\"email\":\"b64-" + version.folder + "@example.com\",\"password\":"
                        + "\"a long enough secret\",\"name\":\"Base Sixtyfour\"}"),
                "Content-Type", "application/json").replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true");
        assertThat(function.invoke(event).expect(201).json().get("name").asText()).isEqualTo("Base Sixtyfour");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void bodyOverTheLimitIsTooLarge(Version version) {
        String big = "{\"email\":\"" + "x".repeat(70 * 1024) + "\"}";
        function.invoke(TestFunction.event(version, "POST", "/users", big, "Content-Type", "application/json"))
                .expect(413);
        String encoded = TestFunction.event(version, "POST", "/users", TestFunction.base64(big), "Content-Type",
                "application/json").replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true");
        function.invoke(encoded).expect(413);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void unknownRouteIsNotFound(Version version) {
        Reply reply = function.invoke(TestFunction.event(version, "GET", "/no-such-thing", null)).expect(404);
        assertThat(reply.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void wrongMethodIsNotAllowedAndSaysWhatIs(Version version) {
        Reply reply = function.invoke(TestFunction.event(version, "DELETE", "/products", null)).expect(405);
        assertThat(reply.header("Allow")).contains("GET, HEAD");
        Reply orders = function.invoke(TestFunction.event(version, "PUT", "/orders", null)).expect(405);
        assertThat(orders.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void headAnswersAsGetWouldWithoutABody(Version version) {
        Reply get = function.invoke(TestFunction.event(version, "GET", "/products", null)).expect(200);
        Reply head = function.invoke(TestFunction.event(version, "HEAD", "/products", null));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.header("Cache-Control")).contains("no-store");
        assertThat(head.header("Content-Length")).contains(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length));
        Reply missing = function.invoke(TestFunction.event(version, "HEAD", "/no-such-thing", null));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void nullHeaderAndQueryValuesAreIgnored(Version version) {
        String event = version == Version.V1
                ? "{\"httpMethod\":\"GET\",\"path\":\"/products\",\"headers\":{\"Accept\":null},"
                        + "\"queryStringParameters\":{\"q\":null}}"
                : "{\"version\":\"2.0\",\"rawPath\":\"/products\",\"headers\":{\"accept\":null},"
                        + "\"queryStringParameters\":{\"q\":null},"
                        + "\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/products\"}}}";
        assertThat(function.invoke(event).expect(200).skus()).hasSize(4);
    }
}
