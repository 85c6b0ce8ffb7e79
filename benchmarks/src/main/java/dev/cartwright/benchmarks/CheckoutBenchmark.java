package dev.cartwright.benchmarks;

import dev.cartwright.jdbc.JdbcStore;
import dev.cartwright.memory.MemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code checkout} and {@code hotsku} sub-commands: Cartwright's checkout against its baselines, on each store,
 * with the load driver.
 */
final class CheckoutBenchmark {

    /** How long each system runs unmeasured before a group's runs. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    static final long INITIAL_STOCK = 1_000_000_000L;
    static final List<String> THREE_SKUS = List.of("SKU-A", "SKU-B", "SKU-C");
    static final List<String> HOT_SKU = List.of("SKU-HOT");
    static final int[] THREADS = {1, 4, 16};
    static final int HOT_THREADS = 16;
    static final double JDBC_TARGET = 0.9;
    static final double MEMORY_TARGET = 0.25;

    /** Where a checkout runs; MEMORY is storage-memory, the others storage-jdbc. */
    enum Store {
        MEMORY("storage-memory", null),
        H2_MEMORY("H2 in memory", Database.Kind.H2_MEMORY),
        H2_FILE("H2 file", Database.Kind.H2_FILE),
        POSTGRESQL("PostgreSQL", Database.Kind.POSTGRESQL);

        final String label;
        final Database.Kind database;

        Store(String label, Database.Kind database) {
            this.label = label;
            this.database = database;
        }

        /** @return its name in {@code --stores}: {@code memory}, {@code h2-memory}, {@code h2-file}, {@code postgresql} */
        String option() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final AtomicLong NONCE = new AtomicLong();

    private final Settings settings;
    private final Report report;

    CheckoutBenchmark(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    void checkout() {
        Report.Section section = report.section("1. Checkout",
                "One guest checkout of 3 lines (1 unit each), paid by the simulated gateway (authorization), through "
                        + "`Commerce.checkout().placeOrder(DirectOrderRequest)` with default settings, against the "
                        + "baselines on the same store. Closed loop; each thread checks out again as soon as its last "
                        + "checkout returns. In each group every system first runs " + SETTLE.toSeconds() + " s "
                        + "unmeasured, so that none is measured while the JIT compiles it. Targets: >= 0.9 of (a) on PostgreSQL and H2 file; >= 0.25 of the raw "
                        + "in-memory checkout on storage-memory.",
                "store", "threads", "system", "checkouts/s", "p50 µs", "p99 µs", "failed", "ratio (a) or raw", "ratio (b)");
        for (Store store : Store.values()) {
            if (!settings.measures(store.option())) {
                continue;
            }
            for (int threads : settings.threads().isEmpty() ? Arrays.stream(THREADS).boxed().toList()
                    : settings.threads()) {
                compare(section, store, THREE_SKUS, threads, "");
            }
        }
    }

    void hotSku() {
        Report.Section section = report.section("2. Hot SKU",
                HOT_THREADS + " threads check out the same single SKU (1 unit per order), as in a flash sale. After "
                        + "the runs, on hand + sold must equal the initial stock, and sold must equal the checkouts "
                        + "that returned; the benchmark fails otherwise.",
                "store", "threads", "system", "checkouts/s", "p50 µs", "p99 µs", "failed", "ratio (a) or raw", "ratio (b)");
        for (Store store : Store.values()) {
            if (settings.measures(store.option())) {
                compare(section, store, HOT_SKU, HOT_THREADS, " hot SKU");
            }
        }
    }

    private void compare(Report.Section section, Store store, List<String> skus, int threads, String what) {
        if (store == Store.POSTGRESQL && Database.postgresUrl().isEmpty()) {
            if (threads == THREADS[0] || threads == HOT_THREADS && !what.isEmpty()
                    || !settings.threads().isEmpty() && threads == settings.threads().get(0)) {
                String message = "PostgreSQL skipped: " + Database.POSTGRES_ENV + " is not set";
                section.note(message);
                System.out.println(message);
            }
            return;
        }
        List<Database> databases = new ArrayList<>();
        Map<String, CheckoutSystem> systems = new LinkedHashMap<>();
        try {
            if (store == Store.MEMORY) {
                systems.put("cartwright", new CartwrightCheckout("cartwright", MemoryStore.create(), () -> { }));
                systems.put("raw", new RawMemoryCheckout());
            } else {
                Database forCartwright = open(databases, store);
                systems.put("cartwright", new CartwrightCheckout("cartwright",
                        JdbcStore.create(forCartwright.dataSource()), () -> { }));
                systems.put("a", new MinimalJdbcCheckout(open(databases, store).dataSource()));
                systems.put("b", new HandWrittenCheckout(open(databases, store).dataSource()));
            }
            Map<String, long[]> sold = new LinkedHashMap<>();
            Map<String, List<LoadDriver.Result>> results = new LinkedHashMap<>();
            for (Map.Entry<String, CheckoutSystem> entry : systems.entrySet()) {
                entry.getValue().stock(skus, INITIAL_STOCK);
                sold.put(entry.getKey(), new long[1]);
                results.put(entry.getKey(), new ArrayList<>());
            }
            if (!settings.quick()) {
                // Each system's code runs once unmeasured, so that no system is measured while the JIT compiles it.
                for (Map.Entry<String, CheckoutSystem> entry : systems.entrySet()) {
                    String nonce = "w" + NONCE.incrementAndGet();
                    LoadDriver.Result warm = LoadDriver.run(threads, Duration.ZERO, SETTLE,
                            thread -> sequence -> entry.getValue().checkout(skus, nonce + "-t" + thread + "-" + sequence));
                    sold.get(entry.getKey())[0] += warm.total();
                }
            }
            for (int run = 0; run < settings.runs(); run++) {
                for (Map.Entry<String, CheckoutSystem> entry : systems.entrySet()) {
                    CheckoutSystem system = entry.getValue();
                    system.betweenRuns();
                    String nonce = "r" + NONCE.incrementAndGet();
                    LoadDriver.Result result = LoadDriver.run(threads, settings.warmUp(), settings.window(),
                            thread -> sequence -> system.checkout(skus, nonce + "-t" + thread + "-" + sequence));
                    results.get(entry.getKey()).add(result);
                    sold.get(entry.getKey())[0] += result.total();
                }
            }
            for (Map.Entry<String, CheckoutSystem> entry : systems.entrySet()) {
                long expected = sold.get(entry.getKey())[0];
                for (String sku : skus) {
                    long[] level = entry.getValue().onHandAndSold(sku);
                    if (level[0] + level[1] != INITIAL_STOCK || level[1] != expected) {
                        throw new IllegalStateException(entry.getValue().label() + " on " + store.label + ": " + sku
                                + " on hand " + level[0] + " + sold " + level[1] + " != " + INITIAL_STOCK
                                + ", or sold != " + expected + " checkouts");
                    }
                }
            }
            section.note(store.label + ", " + threads + " threads" + what + ": stock conserved for every system "
                    + "(on hand + sold = initial, sold = completed checkouts)");
        report.conserved(store.label + ", " + threads + " threads" + what);
            Stat ours = throughput(results.get("cartwright"));
            for (Map.Entry<String, CheckoutSystem> entry : systems.entrySet()) {
                List<LoadDriver.Result> runs = results.get(entry.getKey());
                String ratioA = "";
                String ratioB = "";
                if (entry.getKey().equals("cartwright")) {
                    for (String baseline : List.of("raw", "a", "b")) {
                        if (!results.containsKey(baseline)) {
                            continue;
                        }
                        double ratio = ours.median() / throughput(results.get(baseline)).median();
                        double target = baseline.equals("raw") ? MEMORY_TARGET
                                : baseline.equals("a") && (store == Store.H2_FILE || store == Store.POSTGRESQL)
                                        ? JDBC_TARGET : 0;
                        String label = store.label + ", " + threads + " thr" + what + " vs "
                                + (baseline.equals("raw") ? "raw" : "(" + baseline + ")");
                        report.bar(label, ratio, target);
                        if (baseline.equals("b")) {
                            ratioB = Report.number(ratio);
                        } else {
                            ratioA = Report.number(ratio);
                        }
                        if (target > 0 && ratio < target) {
                            report.miss(label + ": " + Report.number(ratio) + " < target " + Report.number(target)
                                    + ". " + why(store, baseline));
                        }
                    }
                }
                section.row(store.label, String.valueOf(threads), entry.getValue().label(), Report.format(throughput(runs)),
                        Report.format(Stat.of(runs.stream().map(LoadDriver.Result::p50Micros).toList())),
                        Report.format(Stat.of(runs.stream().map(LoadDriver.Result::p99Micros).toList())),
                        String.valueOf(failed(runs)), ratioA, ratioB);
                if (failed(runs) > 0) {
                    String message = store.label + ", " + threads + " threads" + what + ", " + entry.getValue().label()
                            + ": " + failed(runs) + " checkouts failed (not counted as throughput); the first: "
                            + runs.stream().flatMap(run -> run.firstFailure().stream()).findFirst()
                                    .map(Throwable::toString).orElse("?");
                    section.note(message);
                    report.miss(message);
                }
                System.out.printf("%-14s %2d thr%s %-24s %s checkouts/s%n", store.label, threads, what,
                        entry.getValue().label(), Report.format(throughput(runs)));
            }
        } finally {
            systems.values().forEach(CheckoutSystem::close);
            databases.forEach(Database::close);
        }
    }

    private Database open(List<Database> databases, Store store) {
        Database database = Database.open(store.database);
        databases.add(database);
        report.database(database.version());
        return database;
    }

    private static long failed(List<LoadDriver.Result> runs) {
        return runs.stream().mapToLong(LoadDriver.Result::failures).sum();
    }

    private static Stat throughput(List<LoadDriver.Result> runs) {
        return Stat.of(runs.stream().map(LoadDriver.Result::opsPerSecond).toList());
    }

    /** The reasons we know of, from the statement counts; the report states them where a target is missed. */
    private static String why(Store store, String baseline) {
        if (baseline.equals("raw")) {
            return "storage-memory runs every transaction under one global lock and keeps an undo journal; "
                    + "the raw baseline only compare-and-sets three counters.";
        }
        Database.Kind kind = store.database == Database.Kind.POSTGRESQL ? Database.Kind.POSTGRESQL
                : Database.Kind.H2_MEMORY;
        return "Cartwright makes " + Statements.roundTrips(Statements.cartwrightCheckout(kind)) + " per checkout on "
                + (kind == Database.Kind.POSTGRESQL ? "PostgreSQL" : "H2") + " (statements, batches, pipelines and "
                + "commits; see `statements`), (a) 7 in 1, (b) " + Statements.roundTrips(Statements.handWrittenCheckout())
                + " on H2. Beyond (a): a second transaction after the gateway call (no database transaction is held "
                + "open while the card network answers; on PostgreSQL it commits without waiting for its WAL), the "
                + "payment and its log, the outbox events, the order's history, and the reads of prices and "
                + "promotions before the first transaction.";
    }
}
