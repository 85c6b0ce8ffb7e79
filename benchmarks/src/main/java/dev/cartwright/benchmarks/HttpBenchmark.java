package dev.cartwright.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code http} sub-command: requests per second and latency of {@code GET /products} and {@code POST /orders}
 * through the real monolith of the examples module, driven by {@code wrk} over loopback, beside a trivial Javalin
 * server with the same routes in the same run. Each server runs in a child JVM of its own, so neither shares a
 * heap or a JIT with this JVM or with the other.
 */
final class HttpBenchmark {

    static final String SECTION = "6. HTTP";
    static final String MONOLITH = "cartwright monolith on H2 file";
    static final String BASELINE = "trivial Javalin";
    static final String GET_PRODUCTS = "GET /products";
    static final String POST_ORDERS = "POST /orders";
    static final int WRK_THREADS = 2;
    static final int CONNECTIONS = 16;
    static final int LINES_PER_ORDER = 3;
    static final long STOCK_RECEIVED = 1_000_000_000L;

    private static final String MONOLITH_MAIN = "dev.cartwright.examples.monolith.Monolith";
    /** Both servers log at warn: no access-log line per request, so neither measures its log's disk writes. */
    private static final List<String> CHILD_OPTIONS = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    private static final String PASSWORD = "benchmark password, long enough";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A route under load; {@code post} routes send an order with a unique idempotency key per request. */
    private record Route(String name, String path, boolean post) {
    }

    private static final List<Route> ROUTES = List.of(new Route(GET_PRODUCTS, "/products", false),
            new Route(POST_ORDERS, "/orders", true));

    private final Settings settings;
    private final Report report;
    private final Optional<Wrk> wrk;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int scripts;
    /** Orders the monolith answered with a 2xx, the captured one included. */
    private long ordersAnswered;
    /** Orders it may have placed besides: those in flight when a wrk run stopped, or that timed out. */
    private long ordersUnanswered;

    HttpBenchmark(Settings settings, Report report) {
        this(settings, report, Wrk.find());
    }

    /**
     * @param settings runs and window
     * @param report where the section goes
     * @param wrk the load generator, or empty to record that it is missing
     */
    HttpBenchmark(Settings settings, Report report, Optional<Wrk> wrk) {
        this.settings = settings;
        this.report = report;
        this.wrk = wrk;
    }

    void run() {
        int seconds = (int) Math.max(1, Math.round(settings.window().toMillis() / 1000.0));
        int warmUpSeconds = settings.quick() ? 0
                : (int) Math.max(seconds, Math.ceil(settings.warmUp().toMillis() / 1000.0));
        Report.Section section = report.section(SECTION, description(seconds, warmUpSeconds),
                "route", "system", "requests/s", "p50 ms", "p99 ms", "failed", "ratio to baseline");
        if (wrk.isEmpty()) {
            section.row(GET_PRODUCTS + ", " + POST_ORDERS, "both", Wrk.MISSING, "", "", "", "");
            System.out.println("HTTP " + Wrk.MISSING);
            return;
        }
        Wrk generator = wrk.get();
        report.loadGenerator(generator.version());
        report.database(h2Version());
        Path folder = temporaryFolder();
        try {
            measure(section, generator, folder, seconds, warmUpSeconds);
        } finally {
            Database.delete(folder);
        }
    }

    private void measure(Report.Section section, Wrk generator, Path folder, int seconds, int warmUpSeconds) {
        String adminToken = UUID.randomUUID().toString();
        int monolithPort = ChildJvm.freePort();
        Map<String, String> environment = Map.of("PORT", String.valueOf(monolithPort),
                "DATABASE_URL", "jdbc:h2:file:" + folder.resolve("shop").toAbsolutePath() + Database.H2_OPTIONS,
                "ADMIN_TOKEN", adminToken);
        try (ChildJvm monolith = ChildJvm.start(MONOLITH, MONOLITH_MAIN, CHILD_OPTIONS, List.of(), environment,
                monolithPort, folder.resolve("monolith.log"), "/health")) {
            Shopper shopper = prepare(monolith, adminToken, folder);
            int baselinePort = ChildJvm.freePort();
            try (ChildJvm baseline = ChildJvm.start(BASELINE, TrivialJavalin.class.getName(), CHILD_OPTIONS,
                    List.of(String.valueOf(baselinePort), shopper.productsAnswer().toString(),
                            shopper.orderAnswer().toString()),
                    Map.of(), baselinePort, folder.resolve("baseline.log"), "/products")) {
                Map<String, ChildJvm> servers = new LinkedHashMap<>();
                servers.put(MONOLITH, monolith);
                servers.put(BASELINE, baseline);
                tabulate(section, loadEach(generator, servers, shopper, folder, seconds, warmUpSeconds));
                checkStock(section, monolith, adminToken, shopper);
            }
        }
    }

    /** A route on a server: one row of the table. */
    private record Target(Route route, String server) {
    }

    /** Warms each route up on each server once, then loads each in turn, {@code settings.runs()} times. */
    private Map<Target, List<Wrk.Result>> loadEach(Wrk generator, Map<String, ChildJvm> servers, Shopper shopper,
            Path folder, int seconds, int warmUpSeconds) {
        Map<Target, List<Wrk.Result>> results = new LinkedHashMap<>();
        for (Route route : ROUTES) {
            for (String server : servers.keySet()) {
                results.put(new Target(route, server), new ArrayList<>());
                if (warmUpSeconds > 0) {
                    load(generator, server, servers.get(server), route, shopper, folder, warmUpSeconds);
                }
            }
        }
        // Runs interleave the servers, so drift of the machine hits both alike.
        for (int run = 0; run < settings.runs(); run++) {
            for (Target target : results.keySet()) {
                Wrk.Result result = load(generator, target.server(), servers.get(target.server()), target.route(),
                        shopper, folder, seconds);
                results.get(target).add(result);
                System.out.printf("%-14s %-31s %s requests/s, p99 %s ms, %d failed%n", target.route().name(),
                        target.server(), Report.number(result.requestsPerSecond()),
                        Report.number(result.p99Micros() / 1000), result.failed());
            }
        }
        return results;
    }

    private void tabulate(Report.Section section, Map<Target, List<Wrk.Result>> results) {
        for (Map.Entry<Target, List<Wrk.Result>> entry : results.entrySet()) {
            Route route = entry.getKey().route();
            String server = entry.getKey().server();
            List<Wrk.Result> runs = entry.getValue();
            String ratio = "";
            if (server.equals(MONOLITH)) {
                double value = throughput(runs).median()
                        / throughput(results.get(new Target(route, BASELINE))).median();
                // Two decimals would print a ratio of 0.004 as 0.00.
                ratio = value < 0.1 ? String.format(Locale.ROOT, "%.3f", value) : Report.number(value);
                report.bar("HTTP " + route.name() + " vs trivial Javalin", value, 0);
            }
            section.row(route.name(), server, Report.format(throughput(runs)),
                    Report.format(Stat.of(runs.stream().map(result -> result.p50Micros() / 1000).toList())),
                    Report.format(Stat.of(runs.stream().map(result -> result.p99Micros() / 1000).toList())),
                    String.valueOf(runs.stream().mapToLong(Wrk.Result::failed).sum()), ratio);
            failures(section, route, server, runs);
        }
    }

    /**
     * Every order the monolith answered took one unit of each product ordered, and no more were taken than orders
     * were sent. Fewer taken would mean two requests shared an idempotency key (a replay answers the first order).
     *
     * @throws IllegalStateException if the stock disagrees
     */
    private void checkStock(Report.Section section, ChildJvm monolith, String adminToken, Shopper shopper) {
        for (String productId : shopper.productIds()) {
            JsonNode stock = json(exchange(HttpRequest.newBuilder(monolith.uri("/admin/products/" + productId
                    + "/stock")).header("Authorization", "Bearer " + adminToken).GET(), 200));
            long taken = stock.get("reserved").asLong() + stock.get("sold").asLong();
            if (taken < ordersAnswered || taken > ordersAnswered + ordersUnanswered) {
                throw new IllegalStateException("product " + productId + ": " + taken + " units taken, but the "
                        + "monolith answered " + ordersAnswered + " orders (and left at most " + ordersUnanswered
                        + " unanswered)");
            }
        }
        String message = POST_ORDERS + " on " + MONOLITH + ": each product ordered lost one unit per answered order ("
                + ordersAnswered + ", plus at most " + ordersUnanswered + " in flight when wrk stopped), so every "
                + "request placed a new order";
        section.note(message);
        report.conserved("HTTP " + POST_ORDERS);
    }

    private void failures(Report.Section section, Route route, String server, List<Wrk.Result> runs) {
        long failed = runs.stream().mapToLong(Wrk.Result::failed).sum();
        if (failed == 0) {
            return;
        }
        String message = route.name() + " on " + server + ": " + failed + " of "
                + runs.stream().mapToLong(Wrk.Result::requests).sum() + " requests failed ("
                + runs.stream().mapToLong(Wrk.Result::non2xx).sum() + " answered 4xx or 5xx, "
                + runs.stream().mapToLong(Wrk.Result::socketErrors).sum()
                + " socket errors or timeouts); requests/s counts them as wrk does";
        section.note(message);
        report.miss(message);
    }

    private Wrk.Result load(Wrk generator, String name, ChildJvm server, Route route, Shopper shopper, Path folder,
            int seconds) {
        Optional<Path> script = route.post() ? Optional.of(orderScript(shopper, folder)) : Optional.empty();
        try {
            Wrk.Result result = generator.run(server.uri(route.path()), WRK_THREADS, CONNECTIONS, seconds, script);
            if (route.post() && name.equals(MONOLITH)) {
                ordersAnswered += result.requests() - result.non2xx();
                ordersUnanswered += CONNECTIONS + result.socketErrors();
            }
            return result;
        } finally {
            script.ifPresent(file -> file.toFile().delete());
        }
    }

    /**
     * A customer who can order, the order body, and the monolith's own answers, which the baseline serves.
     *
     * @param token the customer's session token
     * @param productIds the products each order buys, one unit each
     * @param orderBody the JSON of {@code POST /orders}
     * @param productsAnswer a file holding the monolith's answer to {@code GET /products}
     * @param orderAnswer a file holding the monolith's answer to {@code POST /orders}
     */
    private record Shopper(String token, List<String> productIds, String orderBody, Path productsAnswer,
            Path orderAnswer) {
    }

    /**
     * Registers and logs in a customer, receives {@value #STOCK_RECEIVED} units of each product ordered (through the
     * admin API), and captures one answer of each route.
     */
    private Shopper prepare(ChildJvm monolith, String adminToken, Path folder) {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        ObjectNode registration = JSON.createObjectNode().put("email", email).put("password", PASSWORD)
                .put("name", "Benchmark shopper");
        String userId = json(send(monolith.uri("/users"), "", registration.toString(), 201)).get("id").asText();
        ObjectNode login = JSON.createObjectNode().put("email", email).put("password", PASSWORD);
        String token = json(send(monolith.uri("/sessions"), "", login.toString(), 201)).get("token").asText();

        JsonNode products = json(get(monolith.uri("/products")));
        if (products.size() < LINES_PER_ORDER) {
            throw new IllegalStateException("the demo catalog has " + products.size() + " products, fewer than "
                    + LINES_PER_ORDER);
        }
        ObjectNode order = JSON.createObjectNode().put("userId", userId);
        ArrayNode lines = order.putArray("products");
        List<String> productIds = new ArrayList<>();
        for (int i = 0; i < LINES_PER_ORDER; i++) {
            String productId = products.get(i).get("id").asText();
            productIds.add(productId);
            send(monolith.uri("/admin/products/" + productId + "/stock"), adminToken,
                    JSON.createObjectNode().put("receive", STOCK_RECEIVED).toString(), 200);
            lines.addObject().put("id", productId).put("quantity", 1);
        }
        Path productsAnswer = folder.resolve("products.json");
        Path orderAnswer = folder.resolve("order.json");
        try {
            Files.write(productsAnswer, get(monolith.uri("/products")));
            Files.write(orderAnswer, send(monolith.uri("/orders"), token, order.toString(), 201));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ordersAnswered++;
        return new Shopper(token, List.copyOf(productIds), order.toString(), productsAnswer, orderAnswer);
    }

    /**
     * Writes the Lua script of one wrk run of {@code POST /orders}. Keys are the run's random prefix, wrk's thread
     * number (handed out in {@code setup}) and a counter of that thread (each thread has its own Lua state), so no
     * two requests of any run share a key and every request is a new order.
     */
    private Path orderScript(Shopper shopper, Path folder) {
        String script = """
                -- POST /orders, written by HttpBenchmark: the same order with a new Idempotency-Key each time.
                local body = [==[%s]==]
                local token = "%s"
                local prefix = "%s"
                local threads = 0
                local sent = 0

                function setup(thread)
                  threads = threads + 1
                  thread:set("thread_number", threads)
                end

                function request()
                  sent = sent + 1
                  return wrk.format("POST", "/orders", {
                    ["Content-Type"] = "application/json",
                    ["Authorization"] = "Bearer " .. token,
                    ["Idempotency-Key"] = prefix .. "-t" .. thread_number .. "-" .. sent
                  }, body)
                end
                """.formatted(shopper.orderBody(), shopper.token(), "bench-" + UUID.randomUUID());
        Path file = folder.resolve("orders-" + ++scripts + ".lua");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private byte[] get(URI uri) {
        return exchange(HttpRequest.newBuilder(uri).GET(), 200);
    }

    private byte[] send(URI uri, String bearer, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!bearer.isEmpty()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return exchange(request, expected);
    }

    private byte[] exchange(HttpRequest.Builder request, int expected) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
                        + response.statusCode() + ", not " + expected + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stat throughput(List<Wrk.Result> runs) {
        return Stat.of(runs.stream().map(Wrk.Result::requestsPerSecond).toList());
    }

    /** The monolith's H2 is this class path's H2: the child runs on the same class path. */
    private static String h2Version() {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:")) {
            return connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "H2, version unknown (" + e.getMessage() + ")";
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("cartwright-http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String description(int seconds, int warmUpSeconds) {
        return "Requests per second and latency over loopback, driven by wrk (a C program outside every JVM, closed "
                + "loop: `wrk -t" + WRK_THREADS + " -c" + CONNECTIONS + " -d" + seconds + "s --latency`, each "
                + "connection sends its next request when the last answer arrives), "
                + (warmUpSeconds > 0 ? "after " + warmUpSeconds + " s of warm-up per route and server, "
                        : "with no warm-up, ")
                + "the servers taking turns within each run. The system under test is the examples' monolith "
                + "(`Monolith.main`, unchanged: Javalin, Jackson, Micrometer, HikariCP pool of 10, every Cartwright "
                + "service) in a child JVM with default flags, over a fresh H2 file. The baseline is Javalin, same "
                + "version, in the same kind of child JVM, with the same two routes and no domain work: it answers "
                + "the monolith's own captured bodies, `application/json`. Both log at warn (no access log). "
                + GET_PRODUCTS + ": the first page, the demo catalog's products with their stock. " + POST_ORDERS
                + ": a logged-in customer buys " + LINES_PER_ORDER + " products, 1 unit each, paid by the simulated "
                + "gateway (authorization), with a new Idempotency-Key per request; " + Report.number(STOCK_RECEIVED)
                + " units of each were received through the admin API first. wrk, both servers and this JVM share "
                + "the machine's " + Runtime.getRuntime().availableProcessors() + " cores. Failed: answers of 4xx or "
                + "5xx plus socket errors and timeouts, summed over the runs.";
    }
}
