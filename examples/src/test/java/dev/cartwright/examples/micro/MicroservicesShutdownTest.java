package dev.cartwright.examples.micro;

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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while customers order from order-service: the three services (the {@code microservices} program, each on
 * its default H2 file) run in a JVM of their own, stopped while eight clients keep posting orders to order-service.
 * Every request is answered 2xx or refused before it started, and every acknowledged order is there after a restart.
 */
class MicroservicesShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern READY = Pattern.compile("the whole shop at one address.*http://localhost:(\\d+)");
    private static final String ADMIN = "shutdown-test-admin";
    private static final int CLIENTS = 8;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void sigtermLetsOrderServiceFinishItsRequestsAndLosesNoAcknowledgedOrder() throws Exception {
        Map<String, String> environment = Map.of("PORT", "0", "EDGE_PORT", "0", "ADMIN_TOKEN", ADMIN,
                "SERVICE_TOKEN", "shutdown-test-service");
        List<OrderingClients.Outcome> outcomes;
        String token;
        OrderingClients clients;
        try (ChildJvm shop = ChildJvm.start("microservices", directory, environment, READY)) {
            URI edge = URI.create("http://localhost:" + shop.port());
            URI orders = URI.create("http://localhost:" + shop.port(OrderService.NAME));
            String email = "sigterm-" + UUID.randomUUID() + "@example.com";
            String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"";
            JsonNode customer = send(edge, "POST", "/users", null, credentials + ",\"name\":\"Sig Term\"}", 201);
            token = send(edge, "POST", "/sessions", null, credentials + "}", 201).get("token").asText();
            String product = send(edge, "GET", "/products", null, null, 200).get(0).get("id").asText();
            send(edge, "POST", "/admin/products/" + product + "/stock", ADMIN, "{\"receive\":100000}", 200);

            String orderBody = "{\"userId\":\""
                    + customer.get("id").asText() + "\",\"products\":[{\"id\":\"" + product + "\",\"quantity\":1}]}";
            clients = new OrderingClients(orders.resolve("/orders"), token, orderBody);
            System.out.println("order-service on port " + orders.getPort() + ": " + CLIENTS + " clients ordering");
            clients.start(CLIENTS);
            long until = System.nanoTime() + 30_000_000_000L;
            while (clients.acknowledged() < 24 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            System.out.println(clients.acknowledged() + " orders acknowledged; sending SIGTERM");
            shop.terminate();
            int exit = shop.awaitExit(30);
            outcomes = clients.stop();
            System.out.println("microservices exited with " + exit + "; " + outcomes.size() + " requests sent");
            assertThat(shop.output()).as("no store was closed under a request")
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
                + "restarting on the same files");

        try (ChildJvm restarted = ChildJvm.start("microservices", directory, environment, READY)) {
            URI edge = URI.create("http://localhost:" + restarted.port());
            clients.checkAfterRestart(edge, outcomes);
            System.out.println("all " + acknowledged.size() + " acknowledged orders found after the restart, and "
                    + "every unanswered one placed once when repeated");
            restarted.terminate();
            restarted.awaitExit(30);
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
