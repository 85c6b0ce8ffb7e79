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
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of one service (the JDK's server forwarding with the JDK's client), which forwards every
 * call, or fails some the ways a network or a dying service does: {@link Fault#LOSE_ANSWER} performs the call and
 * then closes the connection without answering, {@link Fault#DROP} closes it without forwarding,
 * {@link Fault#delay} forwards it late, {@link Fault#answer} answers a bare status itself. A call whose target does
 * not answer is dropped too, as if the service were gone. It records every call it saw, and its request id.
 */
final class FaultProxy implements AutoCloseable {

    /** What the proxy does with a call. */
    sealed interface Fault {

        /** The call is forwarded and its answer sent back. */
        Fault FORWARD = new Forward();
        /** The call is forwarded, then the connection is closed without an answer: the caller cannot know. */
        Fault LOSE_ANSWER = new LoseAnswer();
        /** The connection is closed without forwarding the call. */
        Fault DROP = new Drop();

        /**
         * @param duration how long to wait first
         * @return the call forwarded after a wait, its answer sent back if the caller still waits
         */
        static Fault delay(Duration duration) {
            return new Delay(duration);
        }

        /**
         * @param status such as {@code 503}
         * @return the call answered with that status and no body, not forwarded
         */
        static Fault answer(int status) {
            return new Answer(status);
        }
    }

    private record Forward() implements Fault {
    }

    private record LoseAnswer() implements Fault {
    }

    private record Drop() implements Fault {
    }

    private record Delay(Duration duration) implements Fault {
    }

    private record Answer(int status) implements Fault {
    }

    private record Rule(String method, Pattern path, Fault fault, AtomicInteger left) {
    }

    /** Headers the JDK client sets itself and refuses to be given, or that belong to one hop. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "http2-settings", "date");

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    private final AtomicInteger forwarded = new AtomicInteger();
    private volatile URI target;

    private FaultProxy(HttpServer server, ExecutorService threads, URI target) {
        this.server = server;
        this.threads = threads;
        this.target = target;
    }

    /**
     * @param target the service to forward to
     * @return a proxy listening on a free local port, forwarding everything
     */
    static FaultProxy to(URI target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            ExecutorService threads = Executors.newFixedThreadPool(48);
            FaultProxy proxy = new FaultProxy(server, threads, target);
            server.setExecutor(threads);
            server.createContext("/", proxy::handle);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the proxy", e);
        }
    }

    /** @return where callers reach the proxy */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @param newTarget the service to forward to from now on (a restarted one) */
    void retarget(URI newTarget) {
        target = newTarget;
    }

    /**
     * Fails the next {@code times} calls of {@code method} whose path matches {@code path} with {@code fault}.
     *
     * @param method such as {@code PUT}, {@code null} for any
     * @param path a regular expression the whole raw path must match
     * @param fault what to do with them
     * @param times how many calls, {@link Integer#MAX_VALUE} for all
     * @return this proxy
     */
    FaultProxy fail(String method, String path, Fault fault, int times) {
        rules.add(new Rule(method, Pattern.compile(path), fault, new AtomicInteger(times)));
        return this;
    }

    /**
     * Fails the next call, whatever its method and path, after those already set to fail.
     *
     * @param fault what to do with it
     * @return this proxy
     */
    FaultProxy next(Fault fault) {
        return fail(null, ".*", fault, 1);
    }

    /** @return how many calls reached the proxy */
    int received() {
        return seen.size();
    }

    /** @return how many calls it forwarded to the service */
    int forwarded() {
        return forwarded.get();
    }

    /** @return the {@code X-Request-Id} of every call it saw, in order (empty text for none) */
    List<String> requestIds() {
        return List.copyOf(requestIds);
    }

    /**
     * Waits up to 5 seconds until it has forwarded {@code count} calls (a delayed call arrives after its caller gave
     * up).
     *
     * @param count the calls to wait for
     */
    void awaitForwarded(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (forwarded.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Forwards every call from now on. */
    void heal() {
        rules.clear();
    }

    /**
     * @param method such as {@code POST}
     * @param path a regular expression the whole raw path must match
     * @return the calls seen of that method and path, forwarded or not, in order, as {@code METHOD path}
     */
    List<String> seen(String method, String path) {
        Pattern pattern = Pattern.compile(path);
        return seen.stream().filter(call -> call.startsWith(method + " ")
                && pattern.matcher(call.substring(method.length() + 1)).matches()).toList();
    }

    private Fault decide(String method, String path) {
        for (Rule rule : rules) {
            if ((rule.method() == null || rule.method().equals(method)) && rule.path().matcher(path).matches()
                    && rule.left().getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0) {
                return rule.fault();
            }
        }
        return Fault.FORWARD;
    }

    private void handle(HttpExchange http) throws IOException {
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getRawPath();
        String query = http.getRequestURI().getRawQuery();
        byte[] body;
        try (InputStream in = http.getRequestBody()) {
            body = in.readAllBytes();
        }
        String requestId = http.getRequestHeaders().getFirst("X-Request-Id");
        requestIds.add(requestId == null ? "" : requestId);
        seen.add(method + " " + path);
        Fault fault = decide(method, path);
        if (fault instanceof Drop) {
            // Closing an exchange before its response headers closes the connection: the caller reads no answer.
            http.close();
            return;
        }
        if (fault instanceof Answer refusal) {
            http.sendResponseHeaders(refusal.status(), -1);
            http.close();
            return;
        }
        HttpResponse<byte[]> answer;
        try {
            if (fault instanceof Delay delay) {
                Thread.sleep(delay.duration().toMillis());
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + path
                    + (query == null ? "" : "?" + query)))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(Duration.ofSeconds(30));
            http.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            forwarded.incrementAndGet();
        } catch (IOException e) {
            http.close();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.close();
            return;
        }
        if (fault instanceof LoseAnswer) {
            http.close();
            return;
        }
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                http.getResponseHeaders().put(name, values);
            }
        });
        byte[] result = answer.body();
        try {
            http.sendResponseHeaders(answer.statusCode(), result.length == 0 ? -1 : result.length);
            if (result.length > 0) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(result);
                }
            }
        } catch (IOException e) {
            // The caller gave up on this call already (a delayed one): nobody is left to answer.
        }
        http.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
