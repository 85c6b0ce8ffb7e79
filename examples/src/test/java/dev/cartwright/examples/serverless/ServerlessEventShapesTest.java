package dev.cartwright.examples.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.cartwright.examples.api.Exchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each payload version carries where, read into the same {@link Exchange}. */
class ServerlessEventShapesTest {

    private final TestFunction function = new TestFunction();

    private static APIGatewayV2HTTPEvent v2(String rawPath, String stage) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(rawPath)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage(stage)
                        .withRequestId("gateway-id-2")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath(rawPath).build())
                        .build())
                .build();
    }

    private static APIGatewayProxyRequestEvent v1(String path, String stage) {
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath(path)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage(stage)
                        .withRequestId("gateway-id-1"));
    }

    @Test
    void stagePrefixIsTakenOffBothVersions() {
        assertThat(Events.exchange(v1("/prod/products", "prod")).path()).isEqualTo("/products");
        assertThat(Events.exchange(v1("/prod", "prod")).path()).isEqualTo("/");
        assertThat(Events.exchange(v1("/products", "prod")).path()).isEqualTo("/products");
        assertThat(Events.exchange(v1("/production/x", "prod")).path()).isEqualTo("/production/x");
        assertThat(Events.exchange(v2("/prod/products", "prod")).path()).isEqualTo("/products");
        assertThat(Events.exchange(v2("/prod/products", "$default")).path()).isEqualTo("/prod/products");

        var staged = function.restApi.handleRequest(v1("/prod/products", "prod"), new LocalContext());
        assertThat(staged.getStatusCode()).isEqualTo(200);
        var rawPath = function.httpApi.handleRequest(v2("/prod/products", "prod"), new LocalContext());
        assertThat(rawPath.getStatusCode()).isEqualTo(200);
        assertThat(rawPath.getBody()).contains("MUG-1");
    }

    @Test
    void repeatedQueryParametersKeepEveryValueInOrder() {
        APIGatewayProxyRequestEvent rest = v1("/products", "prod")
                .withQueryStringParameters(Map.of("category", "b"))
                .withMultiValueQueryStringParameters(Map.of("category", List.of("a", "b")));
        assertThat(Events.exchange(rest).queryParams("category")).containsExactly("a", "b");
        assertThat(Events.exchange(rest).queryParam("category")).isEqualTo("a");

        APIGatewayV2HTTPEvent raw = v2("/products", "$default");
        raw.setRawQueryString("category=a&category=b%20c&q=x+y");
        raw.setQueryStringParameters(Map.of("category", "a,b c", "q", "x y"));
        assertThat(Events.exchange(raw).queryParams("category")).containsExactly("a", "b c");
        assertThat(Events.exchange(raw).queryParam("q")).isEqualTo("x y");

        APIGatewayV2HTTPEvent noRaw = v2("/products", "$default");
        noRaw.setQueryStringParameters(Map.of("category", "a,b"));
        assertThat(Events.exchange(noRaw).queryParams("category")).containsExactly("a", "b");
    }

    @Test
    void restApiReadsMultiValueHeadersAndFallsBackToSingleOnes() {
        APIGatewayProxyRequestEvent multi = v1("/products", "prod")
                .withHeaders(Map.of("X-Request-Id", "second"))
                .withMultiValueHeaders(Map.of("X-Request-Id", List.of("first", "second")));
        assertThat(Events.exchange(multi).header("x-request-id")).isEqualTo("first");

        APIGatewayProxyRequestEvent single = v1("/products", "prod").withHeaders(Map.of("Cart-Secret", "s"))
                .withMultiValueHeaders(Map.of());
        assertThat(Events.exchange(single).header("cart-secret")).isEqualTo("s");
    }

    @Test
    void everyAnswerOfTheHandlersCarriesHstsForApiGatewayIsHttpsOnly() {
        assertThat(function.httpApi.handleRequest(v2("/products", "$default"), new LocalContext()).getHeaders())
                .containsEntry("Strict-Transport-Security", "max-age=31536000");
        var rest = function.restApi.handleRequest(v1("/prod/no-such-route", "prod"), new LocalContext());
        assertThat(rest.getStatusCode()).isEqualTo(404);
        assertThat(rest.getHeaders()).containsEntry("Strict-Transport-Security", "max-age=31536000");
    }

    @Test
    void gatewayRequestIdIsTheCallsUnlessTheClientSentOne() {
        assertThat(Events.exchange(v1("/products", "prod")).header("X-Request-Id")).isEqualTo("gateway-id-1");
        assertThat(Events.exchange(v2("/products", "$default")).header("X-Request-Id")).isEqualTo("gateway-id-2");
        APIGatewayV2HTTPEvent own = v2("/products", "$default");
        own.setHeaders(Map.of("x-request-id", "client-id"));
        assertThat(function.httpApi.handleRequest(own, new LocalContext()).getHeaders())
                .containsEntry("X-Request-Id", "client-id");
    }

    @Test
    void theCallersAddressIsTheOneTheGatewaySawNeverAForwardingHeader() {
        APIGatewayV2HTTPEvent http = v2("/products", "$default");
        http.getRequestContext().getHttp().setSourceIp("203.0.113.7");
        http.setHeaders(Map.of("X-Forwarded-For", "198.51.100.1"));
        assertThat(Events.exchange(http).clientAddress()).isEqualTo("203.0.113.7");
        APIGatewayProxyRequestEvent rest = v1("/products", "prod").withHeaders(Map.of("X-Forwarded-For", "198.51.100.1"));
        rest.getRequestContext().setIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("2001:db8::7"));
        assertThat(Events.exchange(rest).clientAddress()).isEqualTo("2001:db8::7");
        assertThat(Events.exchange(v1("/products", "prod")).clientAddress()).isEqualTo(Exchange.UNKNOWN_ADDRESS);
        assertThat(Events.exchange(v2("/products", "$default")).clientAddress()).isEqualTo(Exchange.UNKNOWN_ADDRESS);
    }

    @Test
    void httpApiCookiesBecomeOneCookieHeader() {
        APIGatewayV2HTTPEvent event = v2("/products", "$default");
        event.setCookies(List.of("theme=dark", "consent=yes"));
        event.setHeaders(Map.of("accept", "application/json"));
        Exchange exchange = Events.exchange(event);
        assertThat(exchange.header("Cookie")).isEqualTo("theme=dark; consent=yes");
        assertThat(exchange.header("Accept")).isEqualTo("application/json");
    }
}
