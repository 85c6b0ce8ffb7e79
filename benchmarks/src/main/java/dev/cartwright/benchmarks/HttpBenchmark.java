package dev.cartwright.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cartwright.jdbc.JdbcStore;
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
 * server with the same routes and the seed's Express server ({@link Express}, when {@code node} and {@code npm} are
 * there) in the same run. Each Java server runs in a child JVM of its own, so neither shares a heap or a JIT with
 * this JVM or with the other. After the servers stop, the library's own checkout runs in this JVM on a fresh H2 file
 * with as many threads as wrk keeps connections, for the ratio of {@code POST /orders} over HTTP to it.
 */
final class HttpBenchmark {

    static final String SECTION = "6. HTTP";
    static final String MONOLITH = "cartwright monolith on H2 file";
    static final String BASELINE = "trivial Javalin";
    static final String EXPRESS = Express.NAME;
    static final int CONNECTIONS = 16;
    static final String IN_PROCESS = "in-process checkout, H2 file, " + CONNECTIONS + " threads (no HTTP)";
    /** Targets: the monolith serves at least twice Express's {@code GET /products}; over HTTP, 0.8 of in-process. */
    static final double EXPRESS_TARGET = 2.0;
    static final double IN_PROCESS_TARGET = 0.8;
    static final String GET_PRODUCTS = "GET /products";
    static final String POST_ORDERS = "POST /orders";
    static final int WRK_THREADS = 2;
    static final int LINES_PER_ORDER = 3;
    static final long STOCK_RECEIVED = 1_000_000_000L;

    private static final String MONOLITH_MAIN = "dev.cartwright.examples.monolith.Monolith";
    /** The monolith's pool size (examples' {@code Database}). */
    private static final int MONOLITH_POOL = 10;
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
    private final Express.Found express;
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
        this(settings, report, wrk, Express.find());
    }

    /**
     * @param settings runs and window
     * @param report where the section goes
     * @param wrk the load generator, or empty to record that it is missing
     * @param express the Express peer, or why it cannot run
     */
    HttpBenchmark(Settings settings, Report report, Optional<Wrk> wrk, Express.Found express) {
        this.settings = settings;
        this.report = report;
        this.wrk = wrk;
        this.express = express;
    }

    void run() {
        int seconds = (int) Math.max(1, Math.round(settings.window().toMillis() / 1000.0));
        int warmUpSeconds = settings.quick() ? 0
                : (int) Math.max(seconds, Math.ceil(settings.warmUp().toMillis() / 1000.0));
        Report.Section section = report.section(SECTION, description(seconds, warmUpSeconds),
                "route", "system", "requests/s", "p50 ms", "p99 ms", "failed", "ratio to baseline", "ratio to Express",
                "ratio to in-process");
        if (wrk.isEmpty()) {
            section.row(GET_PRODUCTS + ", " + POST_ORDERS, "all", Wrk.MISSING, "", "", "", "", "", "");
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
                "DATABASE_URL", h2FileUrl(folder.resolve("shop")), "ADMIN_TOKEN", adminToken);
        Map<Target, List<Wrk.Result>> results;
        try (ChildJvm monolith = ChildJvm.start(MONOLITH, MONOLITH_MAIN, CHILD_OPTIONS, List.of(), environment,
                monolithPort, folder.resolve("monolith.log"), "/health")) {
            Shopper shopper = prepare(monolith, adminToken, folder);
            int baselinePort = ChildJvm.freePort();
            try (ChildJvm baseline = ChildJvm.start(BASELINE, TrivialJavalin.class.getName(), CHILD_OPTIONS,
                    List.of(String.valueOf(baselinePort), shopper.productsAnswer().toString(),
                            shopper.orderAnswer().toString()),
                    Map.of(), baselinePort, folder.resolve("baseline.log"), "/products")) {
                Optional<ChildJvm> peer = startExpress(section, folder);
                try {
                    Map<String, ChildJvm> servers = new LinkedHashMap<>();
                    servers.put(MONOLITH, monolith);
                    servers.put(BASELINE, baseline);
                    peer.ifPresent(server -> servers.put(EXPRESS, server));
                    results = loadEach(generator, servers, shopper, folder, seconds, warmUpSeconds);
                } finally {
                    peer.ifPresent(ChildJvm::close);
                }
                checkStock(section, monolith, adminToken, shopper);
            }
        }
        tabulate(section, results, inProcessCheckout(section, folder, seconds, warmUpSeconds));
    }

    /** The URL of the monolith's H2 file, and of the in-process checkout's. */
    private static String h2FileUrl(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + Database.H2_OPTIONS;
    }

    /** Starts the Express peer, or says in the section why it does not run. */
    private Optional<ChildJvm> startExpress(Report.Section section, Path folder) {
        if (express.express().isEmpty()) {
            skipExpress(section, express.whyNot());
            return Optional.empty();
        }
        Express peer = express.express().get();
        try {
            peer.install();
        } catch (RuntimeException e) {
            skipExpress(section, "skipped: npm install failed in " + peer.folder() + ": "
                    + e.getMessage().lines().limit(5).reduce((a, b) -> a + " " + b).orElse(""));
            return Optional.empty();
        }
        section.note("Express peer: " + peer.version() + ", from " + peer.folder());
        int port = ChildJvm.freePort();
        return Optional.of(peer.start(port, folder.resolve("express.log")));
    }

    private static void skipExpress(Report.Section section, String why) {
        section.row(GET_PRODUCTS + ", " + POST_ORDERS, EXPRESS, why, "", "", "", "", "", "");
        section.note("Express peer " + why);
        System.out.println("HTTP Express peer " + why);
    }

    /**
     * The library's own checkout, in this JVM, on a fresh H2 file set up as the monolith's (same URL options, a
     * HikariCP pool of {@value #MONOLITH_POOL}), with {@value #CONNECTIONS} threads as wrk keeps connections: a guest
     * buys {@value #LINES_PER_ORDER} products, 1 unit each, paid by the simulated gateway. Same warm-up, window and
     * runs as the HTTP routes.
     */
    private List<LoadDriver.Result> inProcessCheckout(Report.Section section, Path folder, int seconds,
            int warmUpSeconds) {
        List<String> skus = List.of("HTTP-A", "HTTP-B", "HTTP-C");
        List<LoadDriver.Result> runs = new ArrayList<>();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2FileUrl(folder.resolve("in-process")));
        config.setMaximumPoolSize(MONOLITH_POOL);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            CartwrightCheckout checkout = new CartwrightCheckout(IN_PROCESS, JdbcStore.create(pool), () -> { });
            checkout.stock(skus, STOCK_RECEIVED);
            long completed = 0;
            String prefix = "http-" + UUID.randomUUID();
            for (int run = 0; run <= settings.runs(); run++) {
                boolean warmUp = run == 0;
                if (warmUp && warmUpSeconds == 0) {
                    continue;
                }
                String nonce = prefix + "-" + run;
                LoadDriver.Result result = LoadDriver.run(CONNECTIONS, Duration.ZERO,
                        Duration.ofSeconds(warmUp ? warmUpSeconds : seconds),
                        thread -> sequence -> checkout.checkout(skus, nonce + "-t" + thread + "-" + sequence));
                completed += result.total();
                if (!warmUp) {
                    runs.add(result);
                    System.out.printf("%-14s %-31s %s checkouts/s, p99 %s ms, %d failed%n", POST_ORDERS, IN_PROCESS,
                            Report.number(result.opsPerSecond()), Report.number(result.p99Micros() / 1000),
                            result.failures());
                }
            }
            for (String sku : skus) {
                long[] level = checkout.onHandAndSold(sku);
                if (level[1] != completed || level[0] + level[1] != STOCK_RECEIVED) {
                    throw new IllegalStateException(IN_PROCESS + ": " + sku + " sold " + level[1] + " of "
                            + completed + " checkouts, on hand " + level[0]);
                }
            }
            section.note(IN_PROCESS + ": stock conserved (sold = completed checkouts, " + completed + ")");
        }
        return runs;
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

    private void tabulate(Report.Section section, Map<Target, List<Wrk.Result>> results,
            List<LoadDriver.Result> inProcess) {
        Stat inProcessThroughput = Stat.of(inProcess.stream().map(LoadDriver.Result::opsPerSecond).toList());
        for (Map.Entry<Target, List<Wrk.Result>> entry : results.entrySet()) {
            Route route = entry.getKey().route();
            String server = entry.getKey().server();
            List<Wrk.Result> runs = entry.getValue();
            String toBaseline = "";
            String toExpress = "";
            String toInProcess = "";
            if (server.equals(MONOLITH)) {
                double ours = throughput(runs).median();
                toBaseline = ratio("HTTP " + route.name() + " vs trivial Javalin",
                        ours / throughput(results.get(new Target(route, BASELINE))).median(), 0);
                List<Wrk.Result> express = results.get(new Target(route, EXPRESS));
                if (express != null) {
                    toExpress = ratio("HTTP " + route.name() + " vs Express",
                            ours / throughput(express).median(), route.post() ? 0 : EXPRESS_TARGET);
                }
                if (route.post()) {
                    toInProcess = ratio("HTTP " + route.name() + " vs in-process checkout",
                            ours / inProcessThroughput.median(), IN_PROCESS_TARGET);
                }
            }
            section.row(route.name(), server, Report.format(throughput(runs)),
                    Report.format(Stat.of(runs.stream().map(result -> result.p50Micros() / 1000).toList())),
                    Report.format(Stat.of(runs.stream().map(result -> result.p99Micros() / 1000).toList())),
                    String.valueOf(runs.stream().mapToLong(Wrk.Result::failed).sum()), toBaseline, toExpress,
                    toInProcess);
            failures(section, route, server, runs);
        }
        long failed = inProcess.stream().mapToLong(LoadDriver.Result::failures).sum();
        section.row(POST_ORDERS, IN_PROCESS, Report.format(inProcessThroughput),
                Report.format(Stat.of(inProcess.stream().map(result -> result.p50Micros() / 1000).toList())),
                Report.format(Stat.of(inProcess.stream().map(result -> result.p99Micros() / 1000).toList())),
                String.valueOf(failed), "", "", "");
        if (failed > 0) {
            String message = IN_PROCESS + ": " + failed + " checkouts failed; the first: " + inProcess.stream()
                    .flatMap(run -> run.firstFailure().stream()).findFirst().map(Throwable::toString).orElse("?");
            section.note(message);
            report.miss(message);
        }
    }

    /** Records a bar, and a miss where a full run falls short of a target; returns the ratio for the table. */
    private String ratio(String label, double value, double target) {
        report.bar(label, value, target);
        if (target > 0 && value < target && !settings.quick()) {
            report.miss(label + ": " + Report.number(value) + " < target " + Report.number(target));
        }
        // Two decimals would print a ratio of 0.004 as 0.00.
        return value < 0.1 ? String.format(Locale.ROOT, "%.3f", value) : Report.number(value);
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
                + "5xx plus socket errors and timeouts, summed over the runs. The peer is the seed's Express server "
                + "(`benchmarks/express/server.js`, Express 4 on node, one process), answering both routes with fixed "
                + "JSON; it needs node and npm (its dependencies are installed with `npm install` the first time). "
                + "Targets: the monolith's " + GET_PRODUCTS + " at least " + Report.number(EXPRESS_TARGET)
                + " times Express's; its " + POST_ORDERS + " at least " + Report.number(IN_PROCESS_TARGET) + " of the "
                + "library's own checkout in this JVM, run after the servers stop on a fresh H2 file with "
                + CONNECTIONS + " threads (a guest's direct order of the same " + LINES_PER_ORDER + " lines; no "
                + "HTTP, no JSON, no session look-up), same warm-up, window and runs.";
    }
}
