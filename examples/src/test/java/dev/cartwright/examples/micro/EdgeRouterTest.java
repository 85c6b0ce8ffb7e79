package dev.cartwright.examples.micro;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cartwright.examples.server.TrustedProxies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The edge over real HTTP in front of two echoing services: what arrives there, and what comes back. */
class EdgeRouterTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final HttpServer owner = echo("owner");
    private final HttpServer fallback = echo("fallback");
    private final EdgeRouter edge = EdgeRouter.start(0, List.of(new EdgeRouter.Route("/a", uri(owner))),
            uri(fallback), 1024, TrustedProxies.none());

    @AfterEach
    void stop() {
        edge.close();
        owner.stop(0);
        fallback.stop(0);
    }

    @Test
    void forwardsMethodRawPathRawQueryHeadersAndBodyAsReceived() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(edge.url()
                        + "/a/x%2Fy/%C3%A9?q=Enamel+mug&e=%E2%82%AC&q=2"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"quantity\":3}"))
                .header("Content-Type", "application/json").header("Cart-Secret", "s3cret")
                .header("X-Twice", "one").header("X-Twice", "two")
                .header("Keep-Alive", "timeout=5").header("TE", "trailers").header("Proxy-Authorization", "Basic eA==")
                .build());

        assertThat(answer.body()).contains("service owner\n", "method PATCH\n", "path /a/x%2Fy/%C3%A9\n",
                "query q=Enamel+mug&e=%E2%82%AC&q=2\n", "content-type [application/json]\n",
                "cart-secret [s3cret]\n", "x-twice [one, two]\n", "body {\"quantity\":3}\n");
        assertThat(answer.body()).as("hop-by-hop headers stay at the edge")
                .doesNotContain("keep-alive", "\nte ", "proxy-authorization");
    }

    @Test
    void aPrefixClaimsWholeSegmentsAndTheRestGoesToTheFallback() throws Exception {
        assertThat(get("/a").body()).startsWith("service owner\n");
        assertThat(get("/a/").body()).startsWith("service owner\n");
        assertThat(get("/ab").body()).startsWith("service fallback\n");
        assertThat(get("/").body()).startsWith("service fallback\n");
        assertThat(get("/b/a").body()).startsWith("service fallback\n");
    }

    @Test
    void theAnswerComesBackAsTheServiceGaveIt() throws Exception {
        HttpResponse<String> answer = get("/a/teapot");

        assertThat(answer.statusCode()).isEqualTo(418);
        assertThat(answer.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(answer.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(get("/a/empty").statusCode()).isEqualTo(204);
    }

    @Test
    void aBodyOverTheLimitIsCutOffOneByteAfterItSoTheServiceRefusesIt() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(edge.url() + "/a"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5_000))).build());

        assertThat(answer.body()).contains("length 1025\n");
    }

    @Test
    void aServiceThatDoesNotAnswerIsABadGatewayProblem() throws Exception {
        URI nowhere;
        try (ServerSocket free = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + free.getLocalPort());
        }
        try (EdgeRouter lonely = EdgeRouter.start(0, List.of(), nowhere, 1024, TrustedProxies.parse("127.0.0.1"))) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(lonely.url() + "/products")).build());

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).contains("\"code\":\"BAD_GATEWAY\"", "\"status\":502",
                    "\"requestId\":\"" + answer.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
            assertThat(answer.headers().map()).as("the headers every answer of the API carries")
                    .containsEntry("content-security-policy", List.of("default-src 'none'; frame-ancestors 'none'"))
                    .containsEntry("referrer-policy", List.of("no-referrer"))
                    .containsEntry("x-content-type-options", List.of("nosniff"))
                    .containsEntry("cache-control", List.of("no-store"))
                    .doesNotContainKey("strict-transport-security");
            HttpResponse<String> overTls = send(HttpRequest.newBuilder(URI.create(lonely.url() + "/products"))
                    .header("X-Forwarded-Proto", "https").build());
            assertThat(overTls.statusCode()).isEqualTo(502);
            assertThat(overTls.headers().firstValue("Strict-Transport-Security")).as("a trusted proxy's TLS")
                    .contains("max-age=31536000");
        }
    }

    @Test
    void theServiceLearnsTheClientsAddressAndAClientsOwnForwardingHeadersAreDropped() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(loopback(edge) + "/a"))
                .header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https").build());

        assertThat(answer.body()).contains("x-forwarded-for [127.0.0.1]\n", "x-forwarded-proto [http]\n")
                .doesNotContain("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheChainAndItsSchemeArePassedOnWithThatProxyAppended() throws Exception {
        try (EdgeRouter behindBalancer = EdgeRouter.start(0, List.of(), uri(owner), 1024,
                TrustedProxies.parse("127.0.0.0/8"))) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(loopback(behindBalancer) + "/a"))
                    .header("X-Forwarded-For", "198.51.100.2, 203.0.113.7").header("X-Forwarded-Proto", "https")
                    .build());

            assertThat(answer.body()).contains("x-forwarded-for [198.51.100.2, 203.0.113.7, 127.0.0.1]\n",
                    "x-forwarded-proto [https]\n");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(edge.url() + path)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** @return the edge's URL over IPv4 loopback, so the address it sees is known */
    private static String loopback(EdgeRouter router) {
        return "http://127.0.0.1:" + router.port();
    }

    private static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A service that answers with what it received, line by line; {@code /a/teapot} and {@code /a/empty} differ. */
    private static HttpServer echo(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", http -> {
                try (http) {
                    byte[] body;
                    try (InputStream in = http.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    StringBuilder seen = new StringBuilder("service " + name + "\n")
                            .append("method ").append(http.getRequestMethod()).append('\n')
                            .append("path ").append(http.getRequestURI().getRawPath()).append('\n')
                            .append("query ").append(http.getRequestURI().getRawQuery()).append('\n');
                    new TreeMap<>(http.getRequestHeaders()).forEach((header, values) ->
                            seen.append(header.toLowerCase(Locale.ROOT)).append(' ').append(values).append('\n'));
                    seen.append("length ").append(body.length).append('\n')
                            .append("body ").append(new String(body, StandardCharsets.UTF_8)).append('\n');
                    String path = http.getRequestURI().getRawPath();
                    if (path.equals("/a/empty")) {
                        http.sendResponseHeaders(204, -1);
                        return;
                    }
                    if (path.equals("/a/teapot")) {
                        http.getResponseHeaders().add("Set-Cookie", "a=1");
                        http.getResponseHeaders().add("Set-Cookie", "b=2");
                    }
                    byte[] answer = seen.toString().getBytes(StandardCharsets.UTF_8);
                    http.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    http.sendResponseHeaders(path.equals("/a/teapot") ? 418 : 200, answer.length);
                    try (OutputStream out = http.getResponseBody()) {
                        out.write(answer);
                    }
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
