package dev.cartwright.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InsufficientStockExceptionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Sku MUG = Sku.of("MUG");
    private static final Sku PAN = Sku.of("PAN");
    private static final Sku POT = Sku.of("POT");

    private static Reservation reservation(Sku sku, long quantity) {
        return new Reservation(new ReservationId(UUID.randomUUID()), sku, quantity, NOW.plus(Duration.ofMinutes(5)), NOW);
    }

    @Test
    void namesTheFirstShortSkuInSkuOrder() {
        List<Reservation> reservations = List.of(reservation(POT, 2), reservation(MUG, 1), reservation(PAN, 5));
        ReservationAttempt refused = new ReservationAttempt(false, Map.of(POT, 1L, MUG, 1L, PAN, 4L));

        InsufficientStockException shortage = InsufficientStockException.firstShort(reservations, refused);

        assertThat(shortage.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
        assertThat(shortage.sku()).isEqualTo(PAN);
        assertThat(shortage.requested()).isEqualTo(5);
        assertThat(shortage.available()).isEqualTo(4);
    }

    @Test
    void anAttemptThatWasRecordedOrHadNoShortSkuIsAProgrammingError() {
        List<Reservation> reservations = List.of(reservation(MUG, 1));

        assertThatThrownBy(() -> InsufficientStockException.firstShort(reservations,
                new ReservationAttempt(true, Map.of(MUG, 0L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("were recorded");
        assertThatThrownBy(() -> InsufficientStockException.firstShort(reservations,
                new ReservationAttempt(false, Map.of(MUG, 1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no SKU was short");
    }
}
