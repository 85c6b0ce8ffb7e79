package dev.cartwright.examples.micro;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.Problems;
import dev.cartwright.examples.server.TrustedProxies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's edge, as an API gateway or an ingress stands in front of microservices: one address whose requests
 * go, by the first segments of their path, to the service that owns them, with method, raw path, raw query,
 * headers (but hop-by-hop ones) and body as received, and whose answers come back as the service gave them. A path
 * no route claims goes to the fallback service, so an unknown route is that service's {@code 404} problem and the
 * services' internal routes ({@code /internal}, {@code /stock}) stay unreachable from outside unless a route names
 * them. A service that does not answer is {@code 502} ({@code 504} after the timeout) as problem JSON with the
 * API's headers. Request bodies are read up to a limit plus one byte, so a service refuses a larger one as it would.
 *
 * <p>The services learn who the client is from it, as from any reverse proxy: it sets {@code X-Forwarded-For} to the
 * address it was reached from, appended to the chain received only when that address is one of its own
 * {@link TrustedProxies} (a load balancer in front of it), and {@code X-Forwarded-Proto} to {@code http} unless such a
 * proxy says {@code https}; a client's own forwarding headers are dropped. Services that trust the edge's address
 * therefore count login attempts against the client, not against the edge. Thread-safe.
 */
public final class EdgeRouter implements AutoCloseable {

    /**
     * Requests whose path is {@code prefix} or starts with {@code prefix/} go to {@code target}.
     *
     * @param prefix a path such as {@code /admin/products}, without a trailing slash
     * @param target the base URL of the service, such as {@code http://localhost:8081}
     */
    public record Route(String prefix, URI target) {

        /** Checks the prefix. */
        public Route {
            Objects.requireNonNull(target, "target");
            if (!prefix.startsWith("/") || prefix.endsWith("/")) {
                throw new IllegalArgumentException("a route's prefix starts with / and does not end with one: "
                        + prefix);
            }
        }

        boolean claims(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EdgeRouter.class);
    /** Headers of one connection, not of the request (RFC 9110, 7.6.1), and those the client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "x-forwarded-for", "x-forwarded-proto");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final List<Route> routes;
    private final URI fallback;
    private final int maxBodyBytes;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    private final TrustedProxies proxies;

    private EdgeRouter(List<Route> routes, URI fallback, int maxBodyBytes, HttpServer server, TrustedProxies proxies) {
        this.routes = List.copyOf(routes);
        this.proxies = Objects.requireNonNull(proxies, "proxies");
        this.fallback = fallback;
        this.maxBodyBytes = maxBodyBytes;
        this.server = server;
        this.threads = Executors.newFixedThreadPool(16);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Starts the edge of the three services: {@code /users}, {@code /sessions} to user-service; {@code /products},
     * {@code /admin/products} to product-service; {@code /carts}, {@code /orders}, {@code /admin/orders} and
     * everything else ({@code /health}, {@code /metrics}, unknown paths) to order-service, whose health reports
     * the other two.
     *
     * @param services the running services
     * @param port the port, 0 for any free one
     * @param proxies the proxies in front of the edge, if any, whose forwarding headers it passes on
     * @return the running edge
     * @throws java.io.UncheckedIOException if the port is taken
     */
    public static EdgeRouter inFrontOf(Microservices services, int port, TrustedProxies proxies) {
        URI users = services.users().url();
        URI products = services.products().url();
        URI orders = services.orders().url();
        return start(port, List.of(new Route("/users", users), new Route("/sessions", users),
                new Route("/products", products), new Route("/admin/products", products),
                new Route("/carts", orders), new Route("/orders", orders), new Route("/admin/orders", orders)),
                orders, 1024 * 1024, proxies);
    }

    /**
     * @param port the port, 0 for any free one
     * @param routes the routes, the first that claims a path wins
     * @param fallback where a path no route claims goes
     * @param maxBodyBytes the largest request body forwarded whole; a larger one is cut off after one more byte
     * @param proxies the proxies in front of the edge, if any, whose forwarding headers it passes on
     * @return the running edge
     * @throws java.io.UncheckedIOException if the port is taken
     */
    public static EdgeRouter start(int port, List<Route> routes, URI fallback, int maxBodyBytes,
            TrustedProxies proxies) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the edge cannot listen on port " + port, e);
        }
        EdgeRouter edge = new EdgeRouter(routes, Objects.requireNonNull(fallback, "fallback"), maxBodyBytes, server,
                proxies);
        server.setExecutor(edge.threads);
        server.createContext("/", edge::forward);
        server.start();
        return edge;
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return its base URL on this host */
    public URI url() {
        return URI.create("http://localhost:" + port());
    }

    private URI targetOf(String path) {
        for (Route route : routes) {
            if (route.claims(path)) {
                return route.target();
            }
        }
        return fallback;
    }

    private void forward(HttpExchange http) throws IOException {
        try (http) {
            URI received = http.getRequestURI();
            String path = received.getRawPath();
            String target = targetOf(path) + path + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery());
            byte[] body;
            try (InputStream in = http.getRequestBody()) {
                body = in.readNBytes(maxBodyBytes + 1);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(ANSWER_TIMEOUT)
                    .method(http.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            http.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> forwardHeader(request, name, value));
                }
            });
            String peer = http.getRemoteAddress().getAddress().getHostAddress();
            List<String> chain = headers(http, "X-Forwarded-For");
            forwardHeader(request, "X-Forwarded-For", proxies.trusts(peer) && !chain.isEmpty()
                    ? String.join(", ", chain) + ", " + peer : peer);
            boolean secure = proxies.forwardedOverTls(peer, headers(http, "X-Forwarded-Proto"));
            forwardHeader(request, "X-Forwarded-Proto", secure ? "https" : "http");
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                refuse(http, secure, 504, "GATEWAY_TIMEOUT", target + " did not answer in time");
                return;
            } catch (IOException e) {
                LOG.warn("{} {} not forwarded to {}: {}", http.getRequestMethod(), path, target, e.toString());
                refuse(http, secure, 502, "BAD_GATEWAY", e instanceof ConnectException ? "the service is not reachable"
                        : "the service's answer was broken");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refuse(http, secure, 503, "SERVICE_UNAVAILABLE", "the edge is stopping");
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    http.getResponseHeaders().put(name, values);
                }
            });
            send(http, answer.statusCode(), answer.body());
        }
    }

    private static List<String> headers(HttpExchange http, String name) {
        List<String> values = http.getRequestHeaders().get(name);
        return values == null ? List.of() : values;
    }

    private static void forwardHeader(HttpRequest.Builder request, String name, String value) {
        try {
            request.header(name, value);
        } catch (IllegalArgumentException e) {
            // A value HTTP does not allow (a control character) cannot be sent on; the service sees it absent.
            LOG.debug("header {} not forwarded: {}", name, e.getMessage());
        }
    }

    /** Answers as the route table answers its problems, with its headers, for what the edge itself could not do. */
    private static void refuse(HttpExchange http, boolean secure, int status, String code, String detail)
            throws IOException {
        Exchange exchange = Exchange.of(http.getRequestMethod(), http.getRequestURI().getRawPath(), Map.of(),
                Map.of(), new byte[0]).secure(secure);
        Problems.gateway(exchange, status, code, detail);
        exchange.responseHeaders().forEach(http.getResponseHeaders()::set);
        send(http, exchange.status(), exchange.result());
    }

    private static void send(HttpExchange http, int status, byte[] body) throws IOException {
        boolean empty = body.length == 0 || http.getRequestMethod().equalsIgnoreCase("HEAD");
        http.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops taking requests, lets those in flight finish (a second at most), then stops its threads. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }
}
