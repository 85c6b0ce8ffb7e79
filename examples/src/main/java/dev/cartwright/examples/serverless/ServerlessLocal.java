package dev.cartwright.examples.serverless;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serverless-local}: the function behind a plain HTTP server on {@code PORT} (3000), as
 * {@code sam local start-api} serves it: each request becomes an HTTP API event (payload 2.0: {@code rawPath},
 * {@code rawQueryString}, lower-case headers with repeated ones joined by commas, cookies apart, a body that is not
 * text base64-encoded) and goes to {@link HttpApiHandler}; its response goes back as the HTTP answer. So any HTTP
 * client walks the function as API Gateway would call it. Bodies over {@code MAX_BODY_BYTES} are cut off at that
 * size plus one byte, which the shop answers {@code 413}.
 */
public final class ServerlessLocal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerlessLocal.class);

    private final HttpServer server;
    private final ExecutorService threads;

    private ServerlessLocal(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves until the process stops.
     *
     * @param args ignored
     */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        ServerlessLocal local = start(port, new HttpApiHandler());
        Runtime.getRuntime().addShutdownHook(new Thread(local::close, "shutdown"));
        LOG.info("the shop's function listening on http://localhost:{} (each request an HTTP API event)",
                local.port());
    }

    /**
     * @param port the port; 0 for any free one
     * @param handler the function
     * @return the running server
     */
    static ServerlessLocal start(int port, HttpApiHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.createContext("/", exchange -> serve(handler, exchange));
        server.start();
        return new ServerlessLocal(server, threads);
    }

    /** @return the port it listens on */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
    }

    private static void serve(HttpApiHandler handler, HttpExchange http) throws IOException {
        try (http) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event(http), new LocalContext());
            byte[] body = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> http.getResponseHeaders().set(name, value));
            }
            boolean empty = body.length == 0 || http.getRequestMethod().equalsIgnoreCase("HEAD");
            http.sendResponseHeaders(response.getStatusCode(), empty ? -1 : body.length);
            if (!empty) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("the function failed on {} {}", http.getRequestMethod(), http.getRequestURI(), e);
            http.sendResponseHeaders(502, -1);
        }
    }

    /** The HTTP API event API Gateway would send for this request. */
    static APIGatewayV2HTTPEvent event(HttpExchange http) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        http.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(value -> cookies.addAll(List.of(value.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        byte[] body;
        try (InputStream in = http.getRequestBody()) {
            body = in.readNBytes(maxBodyBytes() + 1);
        }
        String contentType = headers.getOrDefault("content-type", "");
        // Bytes that are not UTF-8 go base64-encoded whatever their type, so the function sees them as sent
        // instead of with replacement characters.
        boolean text = (contentType.isEmpty() || contentType.contains("json") || contentType.startsWith("text/"))
                && utf8(body);
        String path = http.getRequestURI().getRawPath();
        String method = http.getRequestMethod();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(http.getRequestURI().getRawQuery() == null ? ""
                        : http.getRequestURI().getRawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default")
                        .withRouteKey("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(Instant.now().toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol(http.getProtocol())
                                .withSourceIp(http.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .build())
                .build();
    }

    private static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int maxBodyBytes() {
        return Integer.parseInt(System.getenv().getOrDefault("MAX_BODY_BYTES", Integer.toString(64 * 1024)));
    }
}
