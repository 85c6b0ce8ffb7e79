package dev.cartwright.examples.micro;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import dev.cartwright.examples.api.Routes;
import dev.cartwright.memory.MemoryStore;
import java.util.function.Consumer;
import dev.cartwright.examples.api.ShopApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A service's route table served on a free local port by the JDK's HTTP server, for tests over real HTTP. */
final class ServiceHost implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;

    private ServiceHost(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    static ServiceHost serve(Consumer<Routes> routes) {
        CommerceStore store = MemoryStore.create();
        ShopApi api = ShopApi.builder(Commerce.builder().store(store).build(), store).only().routes(routes)
                .adminToken("not-used").build();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService threads = Executors.newFixedThreadPool(20);
            server.setExecutor(threads);
            server.createContext("/", http -> answer(api, http));
            server.start();
            return new ServiceHost(server, threads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve", e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(ShopApi api, HttpExchange http) throws IOException {
        try (http) {
            Map<String, List<String>> headers = new LinkedHashMap<>(http.getRequestHeaders());
            byte[] body;
            try (InputStream in = http.getRequestBody()) {
                body = in.readAllBytes();
            }
            String query = http.getRequestURI().getRawQuery();
            Exchange exchange = Exchange.of(http.getRequestMethod(), http.getRequestURI().getRawPath(),
                    Exchange.parseQuery(query == null ? "" : query), headers, body)
                    .clientAddress(http.getRemoteAddress().getAddress().getHostAddress());
            api.handle(exchange);
            exchange.responseHeaders().forEach((name, value) -> http.getResponseHeaders().set(name, value));
            byte[] result = exchange.result();
            http.sendResponseHeaders(exchange.status(), result.length == 0 ? -1 : result.length);
            if (result.length > 0) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(result);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
