package dev.cartwright.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReservationIdTest {

    @Test
    void comparesAsAnUnsigned128BitNumberMostSignificantBitsFirst() {
        ReservationId low = new ReservationId(new UUID(1, -1L));
        ReservationId high = new ReservationId(new UUID(2, 0));
        ReservationId unsignedHigh = new ReservationId(new UUID(-1L, 0));

        assertThat(low.compareTo(high)).isNegative();
        assertThat(high.compareTo(low)).isPositive();
        assertThat(high.compareTo(unsignedHigh)).isNegative();
        assertThat(new ReservationId(new UUID(1, 1)).compareTo(new ReservationId(new UUID(1, 2)))).isNegative();
        assertThat(new ReservationId(new UUID(1, -1L)).compareTo(new ReservationId(new UUID(1, 2)))).isPositive();
        assertThat(low.compareTo(new ReservationId(new UUID(1, -1L)))).isZero();
    }
}
