package dev.cartwright.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs an operation from several threads for a while and measures it: a warm-up whose operations are not counted,
 * then a measured window in which every operation's latency goes into an HdrHistogram (nanoseconds, 3 significant
 * digits, one per thread, merged at the end). Closed loop: each thread starts its next operation when the last one
 * returns. An operation that throws an {@link Exception} is counted as a failure, not as a completed operation (its
 * latency is not recorded), and the first failure is kept for the report, so that a benchmark never passes off
 * errors as throughput; an {@link Error} stops the run. Every thread completes at least one measured operation,
 * even if that takes longer than the window (a cold start on a busy machine), and throughput is divided by the time
 * the window actually lasted.
 */
final class LoadDriver {

    /** One operation of one thread; {@code sequence} counts that thread's calls from 0. */
    @FunctionalInterface
    interface Operation {
        void run(long sequence) throws Exception;
    }

    /**
     * What one run measured.
     *
     * @param opsPerSecond completed operations per second in the measured window
     * @param p50Micros median latency, microseconds
     * @param p99Micros 99th percentile latency, microseconds
     * @param measured operations completed in the measured window
     * @param total operations completed, warm-up included
     * @param failures operations that threw, warm-up included
     * @param firstFailure the first of them, if any
     */
    record Result(double opsPerSecond, double p50Micros, double p99Micros, long measured, long total, long failures,
            java.util.Optional<Exception> firstFailure) {
    }

    private static final long MAX_OVERRUN_NANOS = 60_000_000_000L;

    private LoadDriver() {
    }

    /**
     * @param threads how many threads call at once
     * @param warmUp how long to run before measuring
     * @param window how long to measure
     * @param operations makes each thread's operation, given the thread's index
     * @return the measurement
     * @throws IllegalStateException if an operation threw an {@link Error}
     */
    static Result run(int threads, Duration warmUp, Duration window, java.util.function.IntFunction<Operation> operations) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Exception> firstFailure = new AtomicReference<>();
            long[] times = new long[2];
            List<Future<long[]>> counts = new ArrayList<>();
            List<Histogram> histograms = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Operation operation = operations.apply(t);
                Histogram histogram = new Histogram(3_600_000_000_000L, 3);
                histograms.add(histogram);
                counts.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    long sequence = 0;
                    long measured = 0;
                    long failed = 0;
                    long lastEnd = 0;
                    long measureFrom = times[0];
                    long end = times[1];
                    try {
                        while (failure.get() == null) {
                            long before = System.nanoTime();
                            if (before >= end && (measured > 0 || before >= end + MAX_OVERRUN_NANOS)) {
                                break;
                            }
                            try {
                                operation.run(sequence++);
                            } catch (Exception e) {
                                firstFailure.compareAndSet(null, e);
                                failed++;
                                continue;
                            }
                            long after = System.nanoTime();
                            if (before >= measureFrom) {
                                histogram.recordValue(Math.max(1, after - before));
                                measured++;
                                lastEnd = after;
                            }
                        }
                    } catch (Error e) {
                        failure.compareAndSet(null, e);
                        sequence--;
                    }
                    return new long[] {measured, sequence - failed, failed, lastEnd};
                }));
            }
            ready.await();
            long now = System.nanoTime();
            times[0] = now + warmUp.toNanos();
            times[1] = times[0] + window.toNanos();
            start.countDown();
            long measured = 0;
            long total = 0;
            long failures = 0;
            long windowEnd = times[1];
            for (Future<long[]> count : counts) {
                long[] counted = count.get();
                measured += counted[0];
                total += counted[1];
                failures += counted[2];
                windowEnd = Math.max(windowEnd, counted[3]);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("an operation failed: " + failure.get(), failure.get());
            }
            Histogram all = new Histogram(3_600_000_000_000L, 3);
            histograms.forEach(all::add);
            double seconds = (windowEnd - times[0]) / 1e9;
            return new Result(measured / seconds, all.getValueAtPercentile(50) / 1e3,
                    all.getValueAtPercentile(99) / 1e3, measured, total, failures,
                    java.util.Optional.ofNullable(firstFailure.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
