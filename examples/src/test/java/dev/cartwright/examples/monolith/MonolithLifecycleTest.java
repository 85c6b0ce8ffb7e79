package dev.cartwright.examples.monolith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.examples.api.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.junit.jupiter.api.Test;

class MonolithLifecycleTest {

    private static final String H2 = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void stopsGracefullyAndSeedsOnlyOnce() {
        Settings settings = Settings.fromEnvironment(Map.of()).withPort(0).withPasswordIterations(1_000)
                .withDatabaseUrl("jdbc:h2:mem:lifecycle-" + UUID.randomUUID() + H2);
        int products;
        try (Monolith first = Monolith.start(settings)) {
            assertThat(first.jetty().getStopTimeout()).isPositive();
            assertThat(first.jetty().getDescendant(GracefulHandler.class)).as("requests in flight finish on stop").isNotNull();
            assertThat(first.adminToken()).hasSizeGreaterThan(20);
            products = count(first);
        }
        try (Monolith second = Monolith.start(settings)) {
            assertThat(count(second)).as("the demo data is not duplicated").isEqualTo(products).isEqualTo(4);
        }
    }

    @Test
    void readsTheEnvironment() {
        Settings settings = Settings.fromEnvironment(Map.of("PORT", "8080", "DATABASE_URL", "jdbc:postgresql://db/shop",
                "ADMIN_TOKEN", "s3cret"));
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.databaseUrl()).contains("jdbc:postgresql://db/shop");
        assertThat(settings.adminToken()).contains("s3cret");
        Settings defaults = Settings.fromEnvironment(Map.of());
        assertThat(defaults.port()).isEqualTo(Settings.DEFAULT_PORT);
        assertThat(defaults.databaseUrl()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("PORT", "http"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Monolith.start(Settings.fromEnvironment(Map.of("DATABASE_URL", "postgres://db/shop"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JDBC URL");
    }

    @Test
    void whileDrainingANewRequestIsRefusedWithRetryAfter() throws Exception {
        Monolith monolith = MonolithHost.start().monolith();
        String body = "{\"email\":\"drain-" + UUID.randomUUID() + "@example.com\",\"password\":\""
                + ApiClient.PASSWORD + "\",\"name\":\"Drain\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket inFlight = new Socket("localhost", monolith.port());
                Socket idle = new Socket("localhost", monolith.port())) {
            inFlight.setSoTimeout(20_000);
            idle.setSoTimeout(20_000);
            // The first request keeps the server draining: its head and half its body are sent, the rest comes later.
            OutputStream first = inFlight.getOutputStream();
            first.write(("POST /users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            first.write(bytes, 0, bytes.length / 2);
            first.flush();
            // The second connection has served a request and is kept alive.
            assertThat(exchange(idle, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")).startsWith("HTTP/1.1 200");

            Thread stopping = new Thread(monolith::close, "stopping");
            stopping.start();
            long until = System.nanoTime() + 10_000_000_000L;
            while (!monolith.jetty().isStopping() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            String refused = exchange(idle, "GET /products HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(refused).as(refused).startsWith("HTTP/1.1 503");
            assertThat(refused.toLowerCase(Locale.ROOT)).contains("retry-after: 2").contains("service_unavailable");

            first.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            first.flush();
            // Jetty ends a body still uploading when the drain begins with 408 before the route sees it: the client
            // may send it again, and nothing was stored.
            assertThat(read(inFlight.getInputStream())).as("the request whose body was uploading")
                    .matches("(?s)HTTP/1.1 (201|408) .*");
            stopping.join(20_000);
            assertThat(stopping.isAlive()).isFalse();
        }
    }

    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return read(socket.getInputStream());
    }

    /** Reads one HTTP/1.1 response with a Content-Length (or a connection that closes after it). */
    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int count(Monolith monolith) {
        return new ApiClient(new MonolithHost(monolith)).get("/products").send().json().size();
    }
}
