package dev.cartwright.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that keep posting orders, each under a fresh Idempotency-Key, until they are refused a connection or
 * told to stop, recording every answer: for tests of what a server does to requests while it stops.
 */
public final class OrderingClients {

    /**
     * What one request got.
     *
     * @param idempotencyKey its key
     * @param status the HTTP status, or 0 if there was no answer
     * @param retryAfter the Retry-After header, if any
     * @param body the answer's body, or the exception's text when there was no answer
     * @param refusedConnection whether the connection was refused, so the request never started
     */
    public record Outcome(String idempotencyKey, int status, Optional<String> retryAfter, String body,
            boolean refusedConnection) {

        /** @return whether the order was taken */
        public boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        /**
         * @return whether the connection closed before any answer (a kept-alive connection the draining server closed
         *     as the request went out): it may or may not have run, so the client repeats it under its key
         */
        public boolean unanswered() {
            return status == 0 && !refusedConnection;
        }

        /** @return whether the server refused it before it started: no connection, or 503 with Retry-After */
        public boolean refusedBeforeStarting() {
            return refusedConnection || status == 503 && retryAfter.isPresent() && !body.contains("STORAGE");
        }

        @Override
        public String toString() {
            return idempotencyKey + " -> " + (status == 0 ? "no answer" : status + " " + retryAfter.map(
                    value -> "Retry-After " + value + " ").orElse("")) + body;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many orders are acknowledged before the server is told to stop, so that it stops under load. */
    private static final int ACKNOWLEDGED_BEFORE_STOP = 24;

    private final URI orders;
    private final String token;
    private final String body;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param orders the URL to post to
     * @param token the customer's bearer token
     * @param body the order's JSON
     */
    public OrderingClients(URI orders, String token, String body) {
        this.orders = orders;
        this.token = token;
        this.body = body;
    }

    /**
     * Registers and logs in a new customer, stocks the shop's first product amply, and readies clients that order one
     * unit of it each time.
     *
     * @param api where accounts, products and the admin routes answer
     * @param orders where {@code POST /orders} is sent
     * @param adminToken the admin bearer token
     * @return the clients, not started
     */
    public static OrderingClients forNewCustomer(URI api, URI orders, String adminToken)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String credentials = "{\"email\":\"sigterm-" + UUID.randomUUID()
                + "@example.com\",\"password\":\"correct horse battery\"";
        JsonNode customer = send(http, api, "POST", "/users", null, credentials + ",\"name\":\"Sig Term\"}", 201);
        String token = send(http, api, "POST", "/sessions", null, credentials + "}", 201).get("token").asText();
        String product = send(http, api, "GET", "/products", null, null, 200).get(0).get("id").asText();
        send(http, api, "POST", "/admin/products/" + product + "/stock", adminToken, "{\"receive\":100000}", 200);
        return new OrderingClients(orders.resolve("/orders"), token, "{\"userId\":\"" + customer.get("id").asText()
                + "\",\"products\":[{\"id\":\"" + product + "\",\"quantity\":1}]}");
    }

    /**
     * Starts {@code count} clients, sends the process SIGTERM once some orders are acknowledged, waits for it to exit,
     * then stops the clients. Fails if the process logged a store closed under a request.
     *
     * @param process the server's JVM
     * @param count how many clients
     * @param exitSeconds how long the process may take to exit
     * @return every request's outcome
     */
    public List<Outcome> orderWhileTerminating(ChildJvm process, int count, int exitSeconds)
            throws InterruptedException {
        System.out.println(count + " clients ordering at " + orders);
        start(count);
        long until = System.nanoTime() + 30_000_000_000L;
        while (acknowledged() < ACKNOWLEDGED_BEFORE_STOP && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        System.out.println(acknowledged() + " orders acknowledged; sending SIGTERM");
        process.terminate();
        int exit = process.awaitExit(exitSeconds);
        List<Outcome> sent = stop();
        System.out.println("exited with " + exit + "; " + sent.size() + " requests sent");
        assertThat(process.output()).as("no store was closed under a request")
                .noneMatch(line -> line.contains("already closed"));
        return sent;
    }

    /**
     * Asserts that every request completed, was refused before it started, or went unanswered (to be repeated after
     * the restart), and that the server was stopped under load.
     *
     * @param sent what {@link #orderWhileTerminating} returned
     */
    public static void assertEachCompletedOrRefused(List<Outcome> sent) {
        assertThat(sent).as("every request completed or was refused before it started")
                .allSatisfy(outcome -> assertThat(outcome.acknowledged() || outcome.refusedBeforeStarting()
                        || outcome.unanswered())
                        .as(outcome.toString()).isTrue());
        long acknowledged = sent.stream().filter(Outcome::acknowledged).count();
        assertThat(acknowledged).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_STOP);
        System.out.println(acknowledged + " acknowledged, " + sent.stream().filter(Outcome::refusedConnection).count()
                + " refused a connection, " + sent.stream().filter(outcome -> outcome.status() == 503).count()
                + " answered 503 with Retry-After while draining; restarting");
    }

    private static JsonNode send(HttpClient http, URI base, String method, String path, String token, String body,
            int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    /**
     * Starts the clients.
     *
     * @param count how many, each on its own thread and connection pool
     */
    public void start(int count) {
        for (int i = 0; i < count; i++) {
            int client = i;
            Thread thread = new Thread(() -> order(client), "orders-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    private void order(int client) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int n = 0; !stop.get(); n++) {
            String key = "client-" + client + "-order-" + n;
            HttpRequest request = HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                Outcome outcome = new Outcome(key, response.statusCode(), response.headers().firstValue("Retry-After"),
                        response.body(), false);
                outcomes.add(outcome);
                if (outcome.acknowledged()) {
                    acknowledged.incrementAndGet();
                }
            } catch (ConnectException e) {
                outcomes.add(new Outcome(key, 0, Optional.empty(), e.toString(), true));
                return;
            } catch (IOException e) {
                outcomes.add(new Outcome(key, 0, Optional.empty(), e.toString(), false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return how many orders were acknowledged so far */
    public int acknowledged() {
        return acknowledged.get();
    }

    /**
     * Stops the clients and waits for them.
     *
     * @return every request's outcome
     */
    public List<Outcome> stop() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        return List.copyOf(outcomes);
    }

    /**
     * Checks, against the restarted server at {@code base}, that no acknowledged order was lost (each is found
     * {@code CONFIRMED}) and that each unanswered request, repeated under its key as a client would, places its order
     * once.
     *
     * @param base the restarted server
     * @param sent what {@link #stop()} returned
     */
    public void checkAfterRestart(URI base, List<Outcome> sent) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (Outcome outcome : sent) {
            HttpRequest.Builder request;
            if (outcome.acknowledged()) {
                String id = JSON.readTree(outcome.body()).get("id").asText();
                request = HttpRequest.newBuilder(base.resolve("/orders/" + id)).GET();
            } else if (outcome.unanswered()) {
                request = HttpRequest.newBuilder(base.resolve(orders.getPath())).POST(HttpRequest.BodyPublishers
                        .ofString(body)).header("Idempotency-Key", outcome.idempotencyKey())
                        .header("Content-Type", "application/json");
            } else {
                continue;
            }
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(outcome + " after the restart: " + response.body())
                    .isEqualTo(outcome.acknowledged() ? 200 : 201);
            assertThat(JSON.readTree(response.body()).get("status").asText()).as(outcome.idempotencyKey())
                    .isEqualTo("CONFIRMED");
        }
    }
}
