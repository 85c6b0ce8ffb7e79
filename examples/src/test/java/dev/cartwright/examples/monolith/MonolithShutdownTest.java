package dev.cartwright.examples.monolith;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cartwright.examples.server.ChildJvm;
import dev.cartwright.examples.server.OrderingClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while customers order: the monolith, in a JVM of its own on an H2 file, is stopped while eight clients keep
 * ordering. Every request must be answered 2xx or refused before it started (no connection, or 503 with Retry-After),
 * never fail on a store closed under it; after a restart on the same file every acknowledged order is there.
 */
class MonolithShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "shutdown-test-admin";
    private static final int CLIENTS = 8;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void sigtermFinishesRequestsInFlightAndLosesNoAcknowledgedOrder() throws Exception {
        // A URL of the user's own without DB_CLOSE_ON_EXIT: the monolith must still keep H2 open until it has drained.
        String url = "jdbc:h2:file:" + directory.resolve("shop") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        Map<String, String> environment = Map.of("PORT", "0", "DATABASE_URL", url, "ADMIN_TOKEN", ADMIN);
        List<OrderingClients.Outcome> outcomes;
        String token;
        OrderingClients clients;
        try (ChildJvm monolith = ChildJvm.start("monolith", directory, environment)) {
            URI base = URI.create("http://localhost:" + monolith.port());
            String email = "sigterm-" + UUID.randomUUID() + "@example.com";
            String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"";
            JsonNode customer = send(base, "POST", "/users", null, credentials + ",\"name\":\"Sig Term\"}", 201);
            token = send(base, "POST", "/sessions", null, credentials + "}", 201).get("token").asText();
            String product = send(base, "GET", "/products", null, null, 200).get(0).get("id").asText();
            send(base, "POST", "/admin/products/" + product + "/stock", ADMIN, "{\"receive\":100000}", 200);

            String orderBody = "{\"userId\":\""
                    + customer.get("id").asText() + "\",\"products\":[{\"id\":\"" + product + "\",\"quantity\":1}]}";
            clients = new OrderingClients(base.resolve("/orders"), token, orderBody);
            System.out.println("monolith on port " + monolith.port() + ": " + CLIENTS + " clients ordering");
            clients.start(CLIENTS);
            long until = System.nanoTime() + 30_000_000_000L;
            while (clients.acknowledged() < 24 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            System.out.println(clients.acknowledged() + " orders acknowledged; sending SIGTERM");
            monolith.terminate();
            int exit = monolith.awaitExit(20);
            outcomes = clients.stop();
            System.out.println("monolith exited with " + exit + "; " + outcomes.size() + " requests sent");
            assertThat(monolith.output()).as("the store was not closed under a request")
                    .noneMatch(line -> line.contains("already closed"));
        }

        assertThat(outcomes).as("every request completed or was refused before it started")
                .allSatisfy(outcome -> assertThat(outcome.acknowledged() || outcome.refusedBeforeStarting()
                        || outcome.unanswered())
                        .as(outcome.toString()).isTrue());
        List<OrderingClients.Outcome> acknowledged = outcomes.stream().filter(OrderingClients.Outcome::acknowledged)
                .toList();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(24);
        System.out.println(acknowledged.size() + " acknowledged, " + outcomes.stream()
                .filter(OrderingClients.Outcome::refusedConnection).count() + " refused a connection, " + outcomes.stream()
                .filter(outcome -> outcome.status() == 503).count() + " answered 503 with Retry-After while draining; "
                + "restarting on the same file");

        try (ChildJvm restarted = ChildJvm.start("monolith", directory, environment)) {
            URI base = URI.create("http://localhost:" + restarted.port());
            clients.checkAfterRestart(base, outcomes);
            System.out.println("all " + acknowledged.size() + " acknowledged orders found after the restart, and "
                    + "every unanswered one placed once when repeated");
            restarted.terminate();
            restarted.awaitExit(20);
        }
    }

    private JsonNode send(URI base, String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
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
}
