package dev.cartwright.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark once on the smoke budget (about a second each) so that none of them rots: each must produce
 * its figures, the hot-SKU and checkout runs must conserve stock, the HTTP runs must answer every request, and the
 * report must be written. The HTTP benchmark needs {@code wrk} and is skipped, with that reason, without it; its
 * Express peer needs {@code node} and {@code npm}, and without them the section says it was skipped and why.
 * Asserts no timing.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path out;

    @Test
    void everyInProcessBenchmarkProducesItsFiguresOnTheSmokeBudget() throws Exception {
        Settings settings = Settings.quick(out).withProducts(1_000);

        // http has a test of its own below, which can be skipped where wrk is missing.
        Report report = Benchmarks.run(settings, List.of("checkout", "hotsku", "catalog", "memory", "pricing"));
        report.write(out);

        List<String> titles = report.sections().stream().map(section -> section.title).toList();
        assertThat(titles).containsExactly("1. Checkout", "2. Hot SKU", "3. Catalog at scale", "4. storage-memory",
                "5. Cart pricing", "7. Serverless cold start");
        for (Report.Section section : report.sections()) {
            assertThat(section.rows).as(section.title).isNotEmpty();
            for (List<String> row : section.rows) {
                assertThat(row).as(section.title).hasSameSizeAs(section.header);
            }
        }
        Report.Section checkout = report.sections().get(0);
        // storage-memory, H2 in memory and H2 file at 1, 4 and 16 threads (PostgreSQL only when configured)
        assertThat(checkout.rows.stream().filter(row -> row.get(2).equals("cartwright")).count())
                .isGreaterThanOrEqualTo(9);
        assertThat(checkout.rows).allSatisfy(row -> assertThat(number(row.get(3))).isPositive());
        assertThat(report.conserved()).contains("storage-memory, 16 threads hot SKU", "H2 file, 16 threads hot SKU",
                "H2 in memory, 4 threads");
        assertThat(report.bars()).isNotEmpty().allSatisfy(bar -> assertThat(bar.ratio()).isPositive());
        Report.Section catalog = report.sections().get(2);
        assertThat(catalog.rows).extracting(row -> row.get(1)).contains("get by id", "find by SKU",
                "text search (10 matches)", "category listing", "keyset page 1", "keyset page 10");
        assertThat(report.sections().get(3).rows).extracting(row -> row.get(0))
                .contains("checkoutDirect", "cartCreateAndAddThreeLines", "heap bytes per product");
        assertThat(report.sections().get(4).rows).extracting(row -> row.get(0))
                .containsExactlyInAnyOrder("priceCalculator", "cartsPrice");
        assertThat(Files.readString(out.resolve("results.md"))).contains("| storage-memory | 16 |", "JDK:", "CPU:");
        assertThat(Files.readString(out.resolve("results.svg"))).startsWith("<svg").contains("</svg>");
    }

    @Test
    void theHttpBenchmarkLoadsBothRoutesOfTheMonolithAndItsPeersWithoutAFailedRequest() throws Exception {
        Optional<Wrk> wrk = Wrk.find();
        assumeTrue(wrk.isPresent(), "wrk is not on the PATH (apt-get install wrk), so the http benchmark cannot run");
        Express.Found express = Express.find();
        System.out.println(express.express().isPresent() ? "the Express peer runs from " + express.express().get().folder()
                : "the Express peer is skipped here: " + express.whyNot());
        Settings settings = Settings.quick(out).withWindow(Duration.ofSeconds(1));

        Report report = Benchmarks.run(settings, List.of("http"));
        report.write(out);

        assertThat(report.sections()).extracting(section -> section.title)
                .containsExactly(HttpBenchmark.SECTION, "7. Serverless cold start");
        assertHttpSection(report, express);
        assertThat(Files.readString(out.resolve("results.md"))).contains("| POST /orders | " + HttpBenchmark.MONOLITH);
    }

    /** Where node is on the PATH, the test above measures Express; this one checks the skip it would otherwise see. */
    @Test
    void whereNodeIsMissingTheHttpBenchmarkSaysTheExpressPeerWasSkippedAndRunsTheRest() {
        Optional<Wrk> wrk = Wrk.find();
        assumeTrue(wrk.isPresent(), "wrk is not on the PATH (apt-get install wrk), so the http benchmark cannot run");
        Express.Found noNode = new Express.Found(Optional.empty(), Express.MISSING);
        Report report = new Report("no node");

        new HttpBenchmark(Settings.quick(out).withWindow(Duration.ofSeconds(1)), report, wrk, noNode).run();

        assertHttpSection(report, noNode);
        assertThat(report.sections().get(0).rows.get(0).get(2)).contains("node", "npm");
    }

    private static void assertHttpSection(Report report, Express.Found express) {
        boolean withExpress = express.express().isPresent();
        Report.Section http = report.sections().get(0);
        assertThat(http.title).isEqualTo(HttpBenchmark.SECTION);
        List<String> measured = withExpress
                ? List.of("GET /products on " + HttpBenchmark.MONOLITH, "GET /products on " + HttpBenchmark.BASELINE,
                        "GET /products on " + HttpBenchmark.EXPRESS, "POST /orders on " + HttpBenchmark.MONOLITH,
                        "POST /orders on " + HttpBenchmark.BASELINE, "POST /orders on " + HttpBenchmark.EXPRESS,
                        "POST /orders on " + HttpBenchmark.IN_PROCESS)
                : List.of("GET /products, POST /orders on " + HttpBenchmark.EXPRESS,
                        "GET /products on " + HttpBenchmark.MONOLITH, "GET /products on " + HttpBenchmark.BASELINE,
                        "POST /orders on " + HttpBenchmark.MONOLITH, "POST /orders on " + HttpBenchmark.BASELINE,
                        "POST /orders on " + HttpBenchmark.IN_PROCESS);
        assertThat(http.rows).extracting(row -> row.get(0) + " on " + row.get(1)).containsExactlyElementsOf(measured);
        List<List<String>> figures = withExpress ? http.rows : http.rows.subList(1, http.rows.size());
        if (!withExpress) {
            assertThat(http.rows.get(0)).hasSameSizeAs(http.header);
            assertThat(http.rows.get(0).get(2)).isEqualTo(express.whyNot()).startsWith("skipped: ");
            assertThat(http.notes).anyMatch(note -> note.contains(express.whyNot()));
        }
        assertThat(figures).allSatisfy(row -> {
            assertThat(row).hasSameSizeAs(http.header);
            assertThat(number(row.get(2))).as("requests/s of %s", row).isPositive();
            assertThat(number(row.get(4))).as("p99 of %s", row).isGreaterThanOrEqualTo(number(row.get(3)));
            assertThat(row.get(5)).as("failed requests of %s", row).isEqualTo("0");
        });
        assertThat(http.rows).filteredOn(row -> row.get(1).equals(HttpBenchmark.MONOLITH))
                .allSatisfy(row -> assertThat(row.get(6)).isNotEmpty())
                .allSatisfy(row -> assertThat(row.get(7).isEmpty()).isEqualTo(!withExpress));
        assertThat(http.rows).filteredOn(row -> row.get(1).equals(HttpBenchmark.MONOLITH)
                && row.get(0).equals(HttpBenchmark.POST_ORDERS)).singleElement()
                .satisfies(row -> assertThat(number(row.get(8))).as("POST /orders over HTTP / in process").isPositive());
        assertThat(report.bars()).extracting(Report.Bar::label).containsExactlyElementsOf(withExpress
                ? List.of("HTTP GET /products vs trivial Javalin", "HTTP GET /products vs Express",
                        "HTTP POST /orders vs trivial Javalin", "HTTP POST /orders vs Express",
                        "HTTP POST /orders vs in-process checkout")
                : List.of("HTTP GET /products vs trivial Javalin", "HTTP POST /orders vs trivial Javalin",
                        "HTTP POST /orders vs in-process checkout"));
        assertThat(report.bars()).allSatisfy(bar -> assertThat(bar.ratio()).isPositive());
        assertThat(http.notes).noneMatch(note -> note.contains("failed"));
        assertThat(report.misses()).isEmpty();
        assertThat(report.conserved()).containsExactly("HTTP POST /orders");
        assertThat(report.machine()).anyMatch(line -> line.startsWith("Load generator: wrk"));
    }

    @Test
    void withoutWrkTheHttpSectionSaysItWasSkippedAndHowToInstallIt() {
        Report report = new Report("no wrk");

        new HttpBenchmark(Settings.quick(out), report, Optional.empty(), Express.find()).run();

        Report.Section http = report.sections().get(0);
        assertThat(http.title).isEqualTo(HttpBenchmark.SECTION);
        assertThat(http.rows).singleElement().satisfies(row -> {
            assertThat(row).hasSameSizeAs(http.header);
            assertThat(String.join(" ", row)).contains("skipped: wrk not found; install it with `apt-get install wrk`");
        });
        assertThat(report.bars()).isEmpty();
    }

    @Test
    void theColdStartBenchmarkGetsA200FromEachFunctionInFreshJvmsWithAndWithoutAppCds() throws Exception {
        Path examples = ColdStartBenchmark.examplesFolder();
        Path zip = examples.resolve("target/cartwright-function.zip");
        assumeTrue(Files.isRegularFile(zip), zip + " is not built (it is by ./mvnw -B verify and by package), so"
                + " the cold start benchmark cannot run");
        Settings settings = Settings.quick(out);
        Report report = new Report(ColdStartBenchmark.describe(settings));
        ColdStartBenchmark benchmark = new ColdStartBenchmark(settings, report, examples);

        benchmark.run();
        report.writeMarkdown(out.resolve(Benchmarks.COLD_START_PAGE), "cold start");

        // one run of each function under the default flags and under AppCDS (after its training runs)
        assertThat(benchmark.statuses()).hasSize(6).containsOnly(200);
        Report.Section section = report.sections().get(0);
        assertThat(section.title).isEqualTo(ColdStartBenchmark.SECTION);
        assertThat(section.rows).extracting(row -> row.get(0) + " / " + row.get(1)).containsExactly(
                "default flags / " + ColdStartBenchmark.CARTWRIGHT, "default flags / " + ColdStartBenchmark.FIRST_EVENT,
                "default flags / " + ColdStartBenchmark.TRIVIAL, "AppCDS / " + ColdStartBenchmark.CARTWRIGHT,
                "AppCDS / " + ColdStartBenchmark.FIRST_EVENT, "AppCDS / " + ColdStartBenchmark.TRIVIAL);
        assertThat(section.rows).allSatisfy(row -> {
            assertThat(row).hasSameSizeAs(section.header);
            assertThat(number(row.get(2))).as("cold start of %s", row).isPositive();
            assertThat(number(row.get(3))).as("constructed, then answered: %s", row).isPositive()
                    .isLessThanOrEqualTo(number(row.get(4)));
            assertThat(number(row.get(6))).as("warm invocation of %s", row).isPositive();
        });
        assertThat(section.notes).anyMatch(note -> note.contains("-XX:SharedArchiveFile=app.jsa"));
        assertThat(Files.readString(out.resolve(Benchmarks.COLD_START_PAGE))).contains("| AppCDS | "
                + ColdStartBenchmark.CARTWRIGHT, "JDK:");
    }

    @Test
    void thePricingBenchmarkAppliesBothPromotionsAndTax() {
        assertThat(new PricingBenchmark().check().taxTotal().isPositive()).isTrue();
    }

    @Test
    void theHandWrittenBaselineWritesTheSameTablesAsCartwright() {
        List<String> ours = Statements.cartwrightCheckout();
        List<String> handWritten = Statements.handWrittenCheckout();

        assertThat(ours).filteredOn(sql -> sql.equals("COMMIT")).hasSize(2);
        assertThat(handWritten).filteredOn(sql -> sql.equals("COMMIT")).hasSize(2);
        assertThat(ours).noneMatch(sql -> sql.contains("INTO reservations") || sql.contains("UPDATE reservations"));
        assertThat(handWritten).noneMatch(sql -> sql.contains("reservations"));
        for (String table : List.of("INSERT INTO payments", "INSERT INTO orders", "INSERT INTO order_lines",
                "INSERT INTO order_transitions", "INSERT INTO payment_log", "INSERT INTO outbox",
                "UPDATE stock SET on_hand = on_hand -", "UPDATE payments SET", "UPDATE orders SET")) {
            assertThat(ours).as(table).anyMatch(sql -> sql.contains(table));
            assertThat(handWritten).as(table).anyMatch(sql -> sql.contains(table));
        }
    }

    private static double number(String cell) {
        return Double.parseDouble(cell.split(" ")[0].replace(",", ""));
    }
}
