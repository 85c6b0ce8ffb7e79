package dev.cartwright.benchmarks;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how often to measure.
 *
 * @param quick the smoke budget: one short run of everything, about a second each, figures meaningless
 * @param runs how many runs each figure is the median of
 * @param warmUp the load driver's warm-up per run
 * @param window the load driver's measured window per run
 * @param products how many products the catalog and memory benchmarks load
 * @param out where results.md and results.svg go
 */
record Settings(boolean quick, int runs, Duration warmUp, Duration window, int products, Path out) {

    static final int FULL_PRODUCTS = 1_000_000;

    static Settings full(Path out) {
        return new Settings(false, 5, Duration.ofSeconds(1), Duration.ofSeconds(3), FULL_PRODUCTS, out);
    }

    static Settings quick(Path out) {
        return new Settings(true, 1, Duration.ofMillis(50), Duration.ofMillis(150), 3_000, out);
    }

    Settings withRuns(int count) {
        return new Settings(quick, count, warmUp, window, products, out);
    }

    Settings withProducts(int count) {
        return new Settings(quick, runs, warmUp, window, count, out);
    }

    Settings withWindow(Duration measured) {
        return new Settings(quick, runs, warmUp, measured, products, out);
    }

    String describe() {
        return (quick ? "QUICK SMOKE RUN (figures not meaningful), " : "") + runs + " run(s) per figure, load driver "
                + warmUp.toMillis() + " ms warm-up + " + window.toMillis() + " ms measured per run, "
                + String.format("%,d", products) + " products";
    }
}
