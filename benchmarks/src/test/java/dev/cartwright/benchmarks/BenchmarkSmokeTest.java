package dev.cartwright.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark once on the smoke budget (about a second each) so that none of them rots: each must produce
 * its figures, the hot-SKU and checkout runs must conserve stock, and the report must be written. Asserts no timing.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path out;

    @Test
    void everyBenchmarkProducesItsFiguresOnTheSmokeBudget() throws Exception {
        Settings settings = Settings.quick(out).withProducts(1_000);

        Report report = Benchmarks.run(settings, List.of("all"));
        report.write(out);

        List<String> titles = report.sections().stream().map(section -> section.title).toList();
        assertThat(titles).containsExactly("1. Checkout", "2. Hot SKU", "3. Catalog at scale", "4. storage-memory",
                "5. Cart pricing", "6 and 7. Not yet measured");
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
    void thePricingBenchmarkAppliesBothPromotionsAndTax() {
        assertThat(new PricingBenchmark().check().taxTotal().isPositive()).isTrue();
    }

    @Test
    void theHandWrittenBaselineWritesFewerStatementsThanCartwrightButTheSameTables() {
        List<String> ours = Statements.cartwrightCheckout();
        List<String> handWritten = Statements.handWrittenCheckout();

        assertThat(ours).filteredOn(sql -> sql.equals("COMMIT")).hasSize(2);
        assertThat(handWritten).filteredOn(sql -> sql.equals("COMMIT")).hasSize(2);
        assertThat(handWritten.size()).isLessThan(ours.size());
        for (String table : List.of("INSERT INTO reservations", "INSERT INTO payments", "INSERT INTO orders",
                "INSERT INTO order_lines", "INSERT INTO order_transitions", "INSERT INTO payment_log",
                "INSERT INTO outbox", "UPDATE stock SET reserved = reserved +", "UPDATE reservations SET status",
                "UPDATE stock SET on_hand = on_hand -", "UPDATE payments SET", "UPDATE orders SET")) {
            assertThat(ours).as(table).anyMatch(sql -> sql.contains(table));
            assertThat(handWritten).as(table).anyMatch(sql -> sql.contains(table));
        }
    }

    private static double number(String cell) {
        return Double.parseDouble(cell.split(" ")[0].replace(",", ""));
    }
}
