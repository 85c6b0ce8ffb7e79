package dev.cartwright.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The median of several runs with their spread.
 *
 * @param median the median
 * @param min the smallest run
 * @param max the largest run
 * @param runs how many runs
 */
record Stat(double median, double min, double max, int runs) {

    /**
     * @param values one figure per run, at least one
     * @return their median (the mean of the middle two for an even count), minimum and maximum
     */
    static Stat of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stat(median, sorted[0], sorted[n - 1], n);
    }

    static Stat of(double... values) {
        return of(Arrays.stream(values).boxed().toList());
    }
}
