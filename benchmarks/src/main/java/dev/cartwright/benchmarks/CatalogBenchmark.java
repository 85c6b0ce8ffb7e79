package dev.cartwright.benchmarks;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Page;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.catalog.Sku;
import dev.cartwright.jdbc.JdbcStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The {@code catalog} sub-command: a large catalog on H2 file and PostgreSQL. */
final class CatalogBenchmark {

    static final int LOAD_THREADS = 4;
    static final int DEEP_PAGE = 10_000;
    static final int PAGE_SIZE = ProductQuery.MAX_LIMIT;

    private final Settings settings;
    private final Report report;

    CatalogBenchmark(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    void run() {
        int count = settings.products();
        int deepPage = Math.max(2, Math.min(DEEP_PAGE, count / PAGE_SIZE));
        Report.Section section = report.section("3. Catalog at scale",
                String.format("%,d products loaded through `Catalog.create` (one product per call, %d threads), then "
                        + "one thread reads: by id and by SKU (random products), text search for a word %d products "
                        + "contain (`ProductQuery.containing`, a case-insensitive substring match: a scan), category "
                        + "listing (first page of 20 of a random one of %d categories), and keyset pages of %d: page 1 "
                        + "and page %,d (the cursor was found by walking the pages once). The H2 file here keeps H2's "
                        + "default write delay of 500 ms: with WRITE_DELAY=0, as `JdbcStore.embeddedH2` opens a file so "
                        + "that every commit survives a kill, H2 does no background compaction (h2database issue 442) "
                        + "and loading the catalog one product per transaction grew the file past 17 GB in ten "
                        + "minutes; embedded H2 is for demos and tests, PostgreSQL for a shop.", count, LOAD_THREADS,
                        Products.RARE_MATCHES, Products.CATEGORIES, PAGE_SIZE, deepPage),
                "store", "operation", "ops/s", "p50 µs", "p99 µs");
        for (Database.Kind kind : List.of(Database.Kind.H2_FILE_DELAYED, Database.Kind.POSTGRESQL)) {
            if (kind == Database.Kind.POSTGRESQL && Database.postgresUrl().isEmpty()) {
                String message = "PostgreSQL skipped: " + Database.POSTGRES_ENV + " is not set";
                section.note(message);
                System.out.println(message);
                continue;
            }
            try (Database database = Database.open(kind)) {
                report.database(database.version());
                Commerce commerce = Commerce.builder().store(JdbcStore.create(database.dataSource())).build();
                long started = System.nanoTime();
                ProductId[] ids = Products.load(commerce.catalog(), count, LOAD_THREADS);
                double seconds = (System.nanoTime() - started) / 1e9;
                database.analyze();
                section.row(kind.label, String.format("load %,d products", count), Report.number(count / seconds),
                        "", "");
                System.out.printf("%s: loaded %,d products at %s/s%n", kind.label, count, Report.number(count / seconds));

                String deepCursor = null;
                String cursor = null;
                long walkStart = System.nanoTime();
                for (int page = 1; page < deepPage; page++) {
                    Page<Product> found = commerce.catalog().list(withCursor(ProductQuery.all().withLimit(PAGE_SIZE), cursor));
                    cursor = found.nextCursor().orElseThrow(() -> new IllegalStateException("catalog ended early"));
                }
                deepCursor = cursor;
                section.note(String.format("%s: walking pages 1 to %,d took %.1f s", kind.label, deepPage - 1,
                        (System.nanoTime() - walkStart) / 1e9));
                String deep = deepCursor;
                Map<String, LoadDriver.Operation> operations = new LinkedHashMap<>();
                operations.put("get by id", sequence -> commerce.catalog().get(ids[random(count)]));
                operations.put("find by SKU", sequence -> commerce.catalog().findBySku(new Sku(Products.sku(random(count))))
                        .orElseThrow());
                operations.put("text search (" + Products.RARE_MATCHES + " matches)", sequence -> expect(
                        commerce.catalog().list(ProductQuery.all().containing(Products.RARE_WORD)), 1));
                operations.put("category listing", sequence -> expect(commerce.catalog()
                        .list(ProductQuery.all().inCategory("cat-" + random(Products.CATEGORIES))), 1));
                operations.put("keyset page 1", sequence -> expect(commerce.catalog()
                        .list(ProductQuery.all().withLimit(PAGE_SIZE)), PAGE_SIZE));
                operations.put(String.format("keyset page %,d", deepPage), sequence -> expect(commerce.catalog()
                        .list(ProductQuery.all().withLimit(PAGE_SIZE).withCursor(deep)), 1));
                for (Map.Entry<String, LoadDriver.Operation> entry : operations.entrySet()) {
                    List<LoadDriver.Result> runs = new ArrayList<>();
                    for (int run = 0; run < settings.runs(); run++) {
                        runs.add(LoadDriver.run(1, settings.warmUp(), settings.window(), thread -> entry.getValue()));
                    }
                    runs.stream().flatMap(run -> run.firstFailure().stream()).findFirst().ifPresent(e -> {
                        throw new IllegalStateException(entry.getKey() + " failed: " + e, e);
                    });
                    Stat throughput = Stat.of(runs.stream().map(LoadDriver.Result::opsPerSecond).toList());
                    section.row(kind.label, entry.getKey(), Report.format(throughput),
                            Report.format(Stat.of(runs.stream().map(LoadDriver.Result::p50Micros).toList())),
                            Report.format(Stat.of(runs.stream().map(LoadDriver.Result::p99Micros).toList())));
                    System.out.printf("%s: %-28s %s ops/s%n", kind.label, entry.getKey(), Report.format(throughput));
                }
            }
        }
    }

    private static ProductQuery withCursor(ProductQuery query, String cursor) {
        return cursor == null ? query : query.withCursor(cursor);
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private static void expect(Page<Product> page, int atLeast) {
        if (page.items().size() < atLeast) {
            throw new IllegalStateException("expected at least " + atLeast + " products, found " + page.items().size());
        }
    }
}
