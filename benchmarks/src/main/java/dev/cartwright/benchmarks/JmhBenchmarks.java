package dev.cartwright.benchmarks;

import dev.cartwright.Commerce;
import dev.cartwright.memory.MemoryStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The {@code memory} and {@code pricing} sub-commands: the JMH benchmarks, one fork per run (the figure is the
 * median of the forks' scores), and the heap taken per product in storage-memory.
 */
final class JmhBenchmarks {

    private final Settings settings;
    private final Report report;

    JmhBenchmarks(Settings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    void memory() {
        Report.Section section = report.section("4. storage-memory",
                "Operations per second on one thread (JMH, `MemoryStoreBenchmark`, default settings; each cart operation "
                        + "is a transaction), then the heap each product takes.",
                "operation", "value", "unit");
        jmh(MemoryStoreBenchmark.class, section);
        footprint(section);
    }

    void pricing() {
        Report.Section section = report.section("5. Cart pricing",
                "A 20-line cart with two promotions (10% off automatically, 5.00 EUR off by code) and two German tax "
                        + "rates (JMH, `PricingBenchmark`, one thread).",
                "operation", "value", "unit");
        jmh(PricingBenchmark.class, section);
    }

    private void jmh(Class<?> benchmarks, Report.Section section) {
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarks.getName()) + "\\.")
                .forks(settings.quick() ? 0 : settings.runs())
                .warmupIterations(settings.quick() ? 0 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(settings.quick() ? 1 : 3)
                .measurementTime(settings.quick() ? TimeValue.milliseconds(settings.window().toMillis())
                        : TimeValue.seconds(2))
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(settings.quick() ? VerboseMode.SILENT : VerboseMode.NORMAL)
                .build();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH ran no benchmark of " + benchmarks.getName());
        }
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                scores.add(fork.getPrimaryResult().getScore());
            }
            Stat stat = Stat.of(scores);
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            section.row(shortName, Report.format(stat), "ops/s");
            System.out.printf("%-32s %s ops/s%n", shortName, Report.format(stat));
        }
    }

    private void footprint(Report.Section section) {
        int count = settings.products();
        long before = usedHeapAfterGc();
        Commerce commerce = Commerce.builder().store(MemoryStore.create()).build();
        long started = System.nanoTime();
        Products.load(commerce.catalog(), count, 1);
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = usedHeapAfterGc();
        double perProduct = (after - before) / (double) count;
        if (commerce.catalog().findBySku(new dev.cartwright.catalog.Sku(Products.sku(count - 1))).isEmpty()) {
            throw new IllegalStateException("the last product is missing");
        }
        section.row(String.format("load %,d products (one thread)", count), Report.number(count / seconds),
                "products/s");
        section.row("heap bytes per product", Report.number(perProduct), "bytes");
        section.note(String.format("Heap per product: used heap (MemoryMXBean) after System.gc() three times, "
                + "before and after loading %,d products (%d attributes, 1 category, a short name and description "
                + "each) into a MemoryStore that is still referenced, divided by the count. It includes the store's "
                + "indexes (by id, SKU, category) and the product records; figure from one run.", count, 2));
        System.out.printf("heap per product: %s bytes%n", Report.number(perProduct));
        java.lang.ref.Reference.reachabilityFence(commerce);
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
