package dev.cartwright;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Commerce#runSweeps()} on a schedule, on one daemon thread of its own: the first round at once, then
 * each round a fixed delay after the previous one ended, so rounds never overlap. A sweep that fails is logged and
 * tried again next round. Started by {@link Commerce#startSweeping(Duration)}; {@link #close()} it before closing
 * the store. Several processes over one store may sweep at once: the sweeps' claims decide which one acts on an
 * order. Thread-safe.
 */
public final class Sweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
    /** How long {@link #close()} waits for a round under way before interrupting it. */
    private static final Duration ROUND_FINISH_WAIT = Duration.ofSeconds(10);

    private final Supplier<SweepReport> round;
    private final ScheduledExecutorService scheduler;

    Sweeper(Supplier<SweepReport> round, Duration every) {
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the sweeps' period must be positive, not " + every);
        }
        this.round = round;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cartwright-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runRound, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runRound() {
        try {
            SweepReport report = round.get();
            if (report.didAnything()) {
                LOG.info("sweeps: {} checkouts recovered, {} unpaid orders expired, {} events delivered, "
                                + "{} sessions purged", report.checkoutsRecovered(), report.unpaidOrdersExpired(),
                        report.eventsDelivered(), report.sessionsPurged());
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep the schedule alive.
            LOG.warn("sweeps failed, tried again next round", e);
        }
    }

    /**
     * Stops the schedule: no round starts after this; a round under way is given up to 10 seconds to finish, then
     * interrupted. Returns once the sweeper's thread has stopped or that wait is over. Idempotent.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(ROUND_FINISH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("sweeps still running after {}; interrupting them", ROUND_FINISH_WAIT);
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
