package dev.cartwright.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void timeOrderedIdsAreVersionSevenCarryTheirMillisecondAndDoNotRepeat() {
        Instant instant = Instant.parse("2026-03-01T09:00:00.123Z");
        IdGenerator ids = IdGenerator.timeOrdered(Clock.fixed(instant, ZoneOffset.UTC));
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = ids.next();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(instant.toEpochMilli());
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnes() {
        UUID earlier = IdGenerator.timeOrdered(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC)).next();
        UUID later = IdGenerator.timeOrdered(Clock.fixed(Instant.ofEpochMilli(1_001), ZoneOffset.UTC)).next();
        assertThat(later).isGreaterThan(earlier);
    }
}
