package dev.cartwright.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** An HTTP client for the shop's API on an {@link ApiHost}; closing it stops the host. */
public final class ApiClient implements AutoCloseable {

    /** The password of every customer {@link #customer} registers. */
    public static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiHost host;
    private final HttpClient client = HttpClient.newHttpClient();

    /** @param host the host to call; closing this client stops it */
    public ApiClient(ApiHost host) {
        this.host = host;
    }

    @Override
    public void close() {
        host.close();
    }

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public Call get(String path) {
        return call("GET", path);
    }

    public Call post(String path) {
        return call("POST", path);
    }

    /** Registers a customer with a unique e-mail and logs in; returns the session token. */
    public Customer customer(String name) {
        String email = name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@example.com";
        Reply registered = post("/users").json("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"name\":\"" + name + "\"}").send();
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        Reply session = post("/sessions").json("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").send();
        assertThat(session.status()).as(session.text()).isEqualTo(201);
        return new Customer(registered.json().get("id").asText(), email, session.json().get("token").asText());
    }

    /** Creates a guest cart; returns its id and the secret handed out once in the Cart-Secret header. */
    public GuestCart guestCart() {
        Reply created = post("/carts").send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new GuestCart(created.json().get("id").asText(), created.header("Cart-Secret").orElseThrow());
    }

    /** @return the id of the demo product with this SKU */
    public String productId(String sku) {
        for (JsonNode product : get("/products").send().json()) {
            if (product.get("sku").asText().equals(sku)) {
                return product.get("id").asText();
            }
        }
        throw new AssertionError("no product " + sku);
    }

    public record Customer(String id, String email, String token) {
    }

    public record GuestCart(String id, String secret) {
    }

    /** A request being built. */
    public final class Call {
        private final String method;
        private final String path;
        private final List<String> headers = new ArrayList<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        public Call token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Call cartSecret(String secret) {
            return header("Cart-Secret", secret);
        }

        public Call admin() {
            return token(host.adminToken());
        }

        public Call json(String text) {
            header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        public Call raw(String contentType, byte[] bytes) {
            header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        public Reply send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.baseUri() + path))
                    .method(method, body);
            for (int i = 0; i < headers.size(); i += 2) {
                request.header(headers.get(i), headers.get(i + 1));
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Sends {@code GET target HTTP/1.0} as written, over a plain socket, for request targets that {@link URI} refuses
     * to build (a broken percent escape) but a client may still send.
     */
    public Reply getVerbatim(String target) {
        return verbatim("GET " + target + " HTTP/1.0\r\nHost: " + host.baseUri().getAuthority() + "\r\n\r\n");
    }

    /**
     * Sends a request exactly as written, over a plain socket, for requests no client library builds (a header
     * larger than a server reads, a malformed header line), and reads the answer until the server closes.
     *
     * @param request the request's head (and body, if any), with its CRLFs; {@code Connection: close} or HTTP/1.0
     */
    public Reply verbatim(String request) {
        URI base = host.baseUri();
        return verbatim(new InetSocketAddress(base.getHost(), base.getPort()), null, request);
    }

    /**
     * Sends a request as {@link #verbatim(String)} does, from another loopback address, as another client on the
     * same machine would: the host sees {@code from} as the caller's address.
     *
     * @param from a loopback address such as {@code 127.0.0.3}
     * @param request the request's head and body, with {@code Connection: close} or HTTP/1.0
     */
    public Reply verbatimFrom(String from, String request) {
        try {
            return verbatim(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), host.baseUri().getPort()),
                    new InetSocketAddress(InetAddress.getByName(from), 0), request);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Reply verbatim(InetSocketAddress server, InetSocketAddress local, String request) {
        try (Socket socket = new Socket()) {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(server, 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String[] answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String[] head = answer[0].split("\r\n");
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.computeIfAbsent(head[i].substring(0, colon).trim(), name -> new ArrayList<>())
                        .add(head[i].substring(colon + 1).trim());
            }
            return new Reply(Integer.parseInt(head[0].split(" ")[1]), HttpHeaders.of(headers, (name, value) -> true),
                    answer.length > 1 ? answer[1] : "");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A response. */
    public record Reply(int status, HttpHeaders headers, String text) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        /** Asserts an RFC 9457 problem with this status and code, without a stack trace, and nosniff. */
        public JsonNode problem(int status, String code) {
            assertThat(status()).as(text()).isEqualTo(status);
            assertThat(header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(header("X-Content-Type-Options")).contains("nosniff");
            JsonNode problem = json();
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("code").asText()).isEqualTo(code);
            assertThat(problem.get("type").asText()).isNotBlank();
            assertThat(problem.get("title").asText()).isNotBlank();
            assertThat(problem.has("detail")).isTrue();
            assertThat(problem.has("field")).isTrue();
            assertThat(text()).doesNotContain("Exception", "\tat ", ".java:", "jackson", "dev.cartwright.");
            return problem;
        }
    }
}
