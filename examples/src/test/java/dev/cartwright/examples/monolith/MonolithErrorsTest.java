package dev.cartwright.examples.monolith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.examples.api.ApiClient;
import dev.cartwright.examples.api.ApiErrorsContract;
import dev.cartwright.examples.api.ApiHost;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;


/**
 * The API's error answers over the monolith, and those only it can give: the JDK server under
 * {@code serverless-local} answers a path starting {@code //} or a broken percent escape itself, before the
 * function sees it (the function's own answer to a broken escape in an event is a 400 problem too).
 */
class MonolithErrorsTest extends ApiErrorsContract {

    @Override
    protected ApiHost startHost() {
        return MonolithHost.start();
    }

    @Test
    void pathsAndQueriesTheJdkServerRefusesAreProblemsToo() {
        try (ApiClient shop = new ApiClient(MonolithHost.start())) {
            shop.get("//products").send().problem(404, "NOT_FOUND");
            shop.getVerbatim("/products?q=%ZZ").problem(400, "VALIDATION");
            shop.getVerbatim("/products?%ZZ=mug").problem(400, "VALIDATION");
            shop.getVerbatim("/products/%ZZ").problem(400, "VALIDATION");
        }
    }

    @Test
    void requestsJettyRefusesBeforeRoutingAreProblemsWithTheUsualHeaders() {
        try (ApiClient shop = new ApiClient(MonolithHost.start())) {
            String host = "Host: localhost\r\nConnection: close\r\n";
            ApiClient.Reply longUri = shop.verbatim("GET /products/" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "\r\n");
            longUri.problem(414, "VALIDATION");
            ApiClient.Reply bigHeader = shop.verbatim("GET /products HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(20_000)
                    + "\r\n\r\n");
            bigHeader.problem(431, "VALIDATION");
            ApiClient.Reply badLine = shop.verbatim("GET /products HTTP/1.1\r\n" + host + "Not a header line\r\n\r\n");
            badLine.problem(400, "VALIDATION");
            List<ApiClient.Reply> refused = List.of(longUri, bigHeader, badLine);
            for (ApiClient.Reply reply : refused) {
                assertThat(reply.header("Cache-Control")).contains("no-store");
                assertThat(reply.header("Content-Security-Policy")).isPresent();
                assertThat(reply.text()).doesNotContain("<html", "Jetty");
            }
        }
    }

    @Test
    void hstsOnlyForRequestsThatCameOverTls() {
        try (ApiClient shop = new ApiClient(MonolithHost.start())) {
            assertThat(shop.get("/products").send().header("Strict-Transport-Security")).as("plain HTTP").isEmpty();
            assertThat(shop.get("/products").header("X-Forwarded-Proto", "https").send()
                    .header("Strict-Transport-Security")).as("from a proxy nobody trusts").isEmpty();
        }
        try (ApiClient shop = new ApiClient(MonolithHost.start(Set.of("127.0.0.1", "::1")))) {
            assertThat(shop.get("/products").header("X-Forwarded-Proto", "https").send()
                    .header("Strict-Transport-Security")).as("from a trusted proxy")
                    .hasValueSatisfying(hsts -> assertThat(hsts).startsWith("max-age="));
            assertThat(shop.get("/products").header("X-Forwarded-Proto", "http").send()
                    .header("Strict-Transport-Security")).isEmpty();
            assertThat(shop.get("/products").send().header("Strict-Transport-Security")).isEmpty();
        }
    }
}
