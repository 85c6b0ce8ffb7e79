package dev.cartwright.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How long and how often to measure.
 *
 * @param quick the smoke budget: one short run of everything, about a second each, figures meaningless
 * @param runs how many runs each figure is the median of
 * @param warmUp the load driver's warm-up per run
 * @param window the load driver's measured window per run
 * @param products how many products the catalog and memory benchmarks load
 * @param out where results.md and results.svg go
 * @param stores the checkout benchmarks' stores to measure ({@code memory}, {@code h2-memory}, {@code h2-file},
 *     {@code postgresql}); empty for all
 * @param threads the checkout benchmark's thread counts; empty for its own (1, 4, 16)
 */
record Settings(boolean quick, int runs, Duration warmUp, Duration window, int products, Path out,
        List<String> stores, List<Integer> threads) {

    Settings {
        stores = List.copyOf(stores);
        threads = List.copyOf(threads);
    }

    static final int FULL_PRODUCTS = 1_000_000;

    static Settings full(Path out) {
        return new Settings(false, 5, Duration.ofSeconds(1), Duration.ofSeconds(3), FULL_PRODUCTS, out, List.of(),
                List.of());
    }

    static Settings quick(Path out) {
        return new Settings(true, 1, Duration.ofMillis(50), Duration.ofMillis(150), 3_000, out, List.of(), List.of());
    }

    Settings withRuns(int count) {
        return new Settings(quick, count, warmUp, window, products, out, stores, threads);
    }

    Settings withProducts(int count) {
        return new Settings(quick, runs, warmUp, window, count, out, stores, threads);
    }

    Settings withWindow(Duration measured) {
        return new Settings(quick, runs, warmUp, measured, products, out, stores, threads);
    }

    Settings withStores(List<String> names) {
        return new Settings(quick, runs, warmUp, window, products, out, names, threads);
    }

    Settings withThreads(List<Integer> counts) {
        return new Settings(quick, runs, warmUp, window, products, out, stores, counts);
    }

    /** @return whether the checkout benchmarks measure the store of this name, such as {@code h2-file} */
    boolean measures(String store) {
        return stores.isEmpty() || stores.contains(store);
    }

    String describe() {
        return (quick ? "QUICK SMOKE RUN (figures not meaningful), " : "") + runs + " run(s) per figure, load driver "
                + warmUp.toMillis() + " ms warm-up + " + window.toMillis() + " ms measured per run, "
                + String.format("%,d", products) + " products"
                + (stores.isEmpty() ? "" : ", stores " + String.join(", ", stores))
                + (threads.isEmpty() ? "" : ", threads " + threads);
    }
}
