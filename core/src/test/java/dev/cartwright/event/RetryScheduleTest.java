package dev.cartwright.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.error.CommerceException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultDoublesFromOneSecondToTenMinutesAndParksOnTheFifteenthFailure() {
        List<Long> seconds = IntStream.rangeClosed(1, 14)
                .mapToObj(failures -> RetrySchedule.DEFAULT.delayAfter(failures).toSeconds()).toList();

        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 600L, 600L, 600L, 600L);
        assertThat(RetrySchedule.DEFAULT.parks(14)).isFalse();
        assertThat(RetrySchedule.DEFAULT.parks(15)).isTrue();
    }

    @Test
    void theWaitStaysAtTheCapHoweverManyAttemptsFailed() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofMillis(3), Duration.ofDays(1),
                RetrySchedule.MAX_ATTEMPTS);

        assertThat(schedule.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(1));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofMillis(6));
    }

    @Test
    void aScheduleThatWouldRetryAtOnceOrNeverIsRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("firstDelay"));
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("maxDelay"));
        assertThatThrownBy(() -> RetrySchedule.DEFAULT.withMaxAttempts(0))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("maxAttempts"));
        assertThatThrownBy(() -> RetrySchedule.DEFAULT.delayAfter(0)).isInstanceOf(CommerceException.class);
    }
}
