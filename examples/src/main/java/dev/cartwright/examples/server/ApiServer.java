package dev.cartwright.examples.server;

import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.ShopApi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ShopApi} served over HTTP by Javalin: every path and method goes to the route table, which answers
 * unknown ones itself; what Jetty refuses before routing is answered as the API would. The monolith and each
 * microservice run one. {@link #close()} stops taking requests and lets those in flight finish (up to 10 seconds);
 * what the API runs on (a store, a pool) is the caller's to close after it. Behind {@link TrustedProxies}, the
 * client's address (which login attempts are counted against) is read from {@code X-Forwarded-For} and TLS (answered
 * with HSTS) from {@code X-Forwarded-Proto}; anyone else's forwarding headers are ignored.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS, HandlerType.TRACE);

    private final Javalin server;

    private ApiServer(Javalin server) {
        this.server = server;
    }

    /**
     * Starts serving.
     *
     * @param api the route table
     * @param port the port, 0 for any free one
     * @param maxBodyBytes the largest request body Jetty reads; a larger one is answered {@code 413}
     * @return the running server
     * @throws RuntimeException if the port is taken
     */
    public static ApiServer start(ShopApi api, int port, long maxBodyBytes) {
        return start(api, port, maxBodyBytes, TrustedProxies.none());
    }

    /**
     * Starts serving behind reverse proxies.
     *
     * @param api the route table
     * @param port the port, 0 for any free one
     * @param maxBodyBytes the largest request body Jetty reads; a larger one is answered {@code 413}
     * @param proxies the proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
     * @return the running server
     * @throws RuntimeException if the port is taken
     */
    public static ApiServer start(ShopApi api, int port, long maxBodyBytes, TrustedProxies proxies) {
        Javalin server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.jetty.modifyServer(jetty -> {
                jetty.setStopTimeout(STOP_TIMEOUT_MILLIS);
                jetty.insertHandler(new GracefulHandler());
                jetty.setErrorHandler(new ProblemErrorHandler(api));
            });
            for (HandlerType method : METHODS) {
                config.routes.addHttpHandler(method, "/", ctx -> serve(api, ctx, proxies));
                config.routes.addHttpHandler(method, "/*", ctx -> serve(api, ctx, proxies));
            }
        });
        server.start(port);
        return new ApiServer(server);
    }

    /** Carries one request to the route table and its answer back. */
    private static void serve(ShopApi api, Context ctx, TrustedProxies proxies) {
        String peer = ctx.req().getRemoteAddr();
        boolean secure = ctx.req().isSecure()
                || proxies.forwardedOverTls(peer, Collections.list(ctx.req().getHeaders("X-Forwarded-Proto")));
        long start = System.nanoTime();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        Exchange exchange;
        Map<String, List<String>> query;
        try {
            // Parsed as the serverless hosts parse it; Jetty's own parsing lets a broken escape through.
            query = Exchange.parseQuery(ctx.queryString() == null ? "" : ctx.queryString());
        } catch (IllegalArgumentException e) {
            exchange = Exchange.of(ctx.method().name(), ctx.path(), Map.of(), headers, new byte[0]).secure(secure);
            api.refuse(exchange, 400);
            answer(ctx, exchange, start);
            return;
        }
        try {
            exchange = Exchange.of(ctx.method().name(), ctx.path(), query, headers, ctx.bodyAsBytes()).secure(secure)
                    .clientAddress(proxies.clientAddress(peer,
                            Collections.list(ctx.req().getHeaders("X-Forwarded-For"))));
            api.handle(exchange);
        } catch (HttpResponseException e) {
            // Jetty refused the body (over the size limit) before the route table could see it.
            exchange = Exchange.of(ctx.method().name(), ctx.path(), Map.of(), headers, new byte[0]).secure(secure);
            api.refuse(exchange, e.getStatus());
        }
        answer(ctx, exchange, start);
    }

    private static void answer(Context ctx, Exchange exchange, long start) {
        ctx.status(exchange.status());
        exchange.responseHeaders().forEach(ctx::header);
        ctx.result(exchange.result());
        ACCESS.info("{} {} {} {} {}ms", exchange.requestId(), exchange.method(), exchange.path(), exchange.status(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Answers what Jetty refuses before Javalin routes it (a path with a broken percent escape, say) with the problem
     * the API would have answered, instead of Jetty's HTML page.
     */
    private static final class ProblemErrorHandler extends ErrorHandler {

        private final ShopApi api;

        ProblemErrorHandler(ShopApi api) {
            this.api = api;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            String path = request.getHttpURI() == null || request.getHttpURI().getPath() == null ? "/"
                    : request.getHttpURI().getPath();
            Exchange exchange = Exchange.of(request.getMethod(), path, Map.of(), Map.of(), new byte[0])
                    .secure(request.isSecure());
            api.refuse(exchange, code);
            response.setStatus(exchange.status());
            exchange.responseHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
            response.write(true, ByteBuffer.wrap(exchange.result()), callback);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.port();
    }

    /** @return the Jetty server, for tests of its set-up */
    public org.eclipse.jetty.server.Server jetty() {
        return server.jettyServer().server();
    }

    /** Stops taking requests and waits up to 10 seconds for those in flight. */
    @Override
    public void close() {
        server.stop();
    }
}
