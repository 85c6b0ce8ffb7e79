package dev.cartwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SweeperTest {

    private static final SweepReport NOTHING = new SweepReport(0, 0, 0, 0, Map.of());

    @Test
    void aRoundThatThrowsIsTriedAgainNextRoundAndRoundsNeverOverlap() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch threeRounds = new CountDownLatch(3);
        Sweeper sweeper = new Sweeper(() -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                Thread.sleep(5);
                if (rounds.incrementAndGet() == 1) {
                    throw new IllegalStateException("the store is down");
                }
                return NOTHING;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return NOTHING;
            } finally {
                running.decrementAndGet();
                threeRounds.countDown();
            }
        }, Duration.ofMillis(1));
        try {
            assertThat(threeRounds.await(10, TimeUnit.SECONDS)).as("rounds after a failing one").isTrue();
        } finally {
            sweeper.close();
        }
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void noRoundStartsAfterClose() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        Sweeper sweeper = new Sweeper(() -> {
            rounds.incrementAndGet();
            first.countDown();
            return NOTHING;
        }, Duration.ofMillis(1));
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        sweeper.close();
        int afterClose = rounds.get();
        Thread.sleep(50);
        assertThat(rounds).hasValue(afterClose);
        sweeper.close();
    }

    @Test
    void thePeriodMustBePositive() {
        assertThatThrownBy(() -> new Sweeper(() -> NOTHING, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sweeper(() -> NOTHING, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
