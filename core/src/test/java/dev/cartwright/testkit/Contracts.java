package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions and a start-gated race that the contracts share. */
final class Contracts {

    private Contracts() {
    }

    /**
     * Runs {@code threads} tasks at once behind a start gate.
     *
     * @param threads how many
     * @param task the task for each index
     * @return the results, by index
     */
    static <T> List<T> race(int threads, IntFunction<Supplier<T>> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Supplier<T> work = task.apply(i);
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    start.await();
                    return work.get();
                }));
            }
            ready.await();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Asserts that {@code call} fails with {@code code} and, if given, {@code field}.
     *
     * @param call the failing call
     * @param code the expected code
     * @param field the expected field, or {@code null} to not check it
     */
    static void assertFails(ThrowingCallable call, ErrorCode code, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CommerceException.class, e -> {
            assertThat(e.code()).as(e.toString()).isEqualTo(code);
            if (field != null) {
                assertThat(e.field()).as(e.toString()).contains(field);
            }
        });
    }
}
