package dev.cartwright.examples.micro;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy between a client and a service that misbehaves on cue, once per fault queued: it forwards a
 * request and then drops the connection instead of answering, forwards it only after a delay, or answers a status
 * of its own without forwarding. Counts the requests it received and those it forwarded, and keeps their
 * {@code X-Request-Id}s.
 */
final class FaultyProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "upgrade",
            "http2-settings", "expect");

    private sealed interface Fault {
    }

    private record DropAnswer() implements Fault {
    }

    private record Delay(Duration duration) implements Fault {
    }

    private record Answer(int status) implements Fault {
    }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final List<String> requestIds = new CopyOnWriteArrayList<>();

    FaultyProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request reaches the service, and its answer is lost: the connection is closed instead. */
    void dropNextAnswer() {
        faults.add(new DropAnswer());
    }

    /** The next request reaches the service only after {@code duration}; its answer then goes back. */
    void delayNext(Duration duration) {
        faults.add(new Delay(duration));
    }

    /** The next request is answered {@code status} here, and never reaches the service. */
    void answerNext(int status) {
        faults.add(new Answer(status));
    }

    int received() {
        return received.get();
    }

    int forwarded() {
        return forwarded.get();
    }

    List<String> requestIds() {
        return List.copyOf(requestIds);
    }

    /** Waits, a few seconds at most, until {@code count} requests have reached the service and been answered. */
    void awaitForwarded(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (forwarded.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void handle(HttpExchange http) throws IOException {
        received.incrementAndGet();
        String requestId = http.getRequestHeaders().getFirst("X-Request-Id");
        requestIds.add(requestId == null ? "" : requestId);
        Fault fault = faults.poll();
        try {
            if (fault instanceof Answer answer) {
                http.sendResponseHeaders(answer.status(), -1);
                http.close();
                return;
            }
            if (fault instanceof Delay delay) {
                Thread.sleep(delay.duration().toMillis());
            }
            HttpResponse<byte[]> answer = forward(http);
            forwarded.incrementAndGet();
            if (fault instanceof DropAnswer) {
                // Closing before any response header closes the connection: the client sees it reset, unanswered.
                http.close();
                return;
            }
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    http.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = answer.body();
            http.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(body);
                }
            }
            http.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.close();
        } catch (IOException e) {
            // The client gave up on this request already (a delayed one): nobody is left to answer.
            http.close();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange http) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = http.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + http.getRequestURI().getRawPath()))
                .method(http.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        http.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
