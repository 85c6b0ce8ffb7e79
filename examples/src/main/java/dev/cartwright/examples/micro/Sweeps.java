package dev.cartwright.examples.micro;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service's sweeps (the core's {@code recover()}, {@code expireUnpaid()}, {@code deliverEvents()},
 * {@code purgeExpiredSessions()}) at start and then on a fixed delay, one at a time on one daemon thread. A sweep that
 * fails is logged and tried again next time. Each sweep is safe to run in several processes at once: the core's
 * claims decide which one acts.
 */
final class Sweeps implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeps.class);

    private final String service;
    private final Map<String, IntSupplier> sweeps = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;

    /**
     * @param service the service's name, for the thread and the log
     */
    Sweeps(String service) {
        this.service = service;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, service + "-sweeps");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param name the sweep's name, for the log
     * @param sweep runs it once and says how many things it finished
     * @return these sweeps
     */
    Sweeps add(String name, IntSupplier sweep) {
        sweeps.put(name, sweep);
        return this;
    }

    /**
     * Runs every sweep once now, on the caller's thread (so a service that starts after a crash finishes what the
     * crash left before it takes requests), then every {@code every} on the sweeps' thread.
     *
     * @param every the delay between the end of one round and the start of the next
     * @return these sweeps
     */
    Sweeps start(Duration every) {
        runAll();
        scheduler.scheduleWithFixedDelay(this::runAll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs every sweep once, now, on the caller's thread. */
    void runAll() {
        sweeps.forEach((name, sweep) -> {
            try {
                int done = sweep.getAsInt();
                if (done > 0) {
                    LOG.info("{}: {} finished {}", service, name, done);
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: {} failed, tried again next round: {}", service, name, e.toString());
            }
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
