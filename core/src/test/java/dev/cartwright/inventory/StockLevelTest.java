package dev.cartwright.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StockLevelTest {

    private static final Sku SKU = Sku.of("MUG-1");
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void availableIsOnHandLessReserved() {
        assertThat(StockLevel.of(SKU, 10, 4, 7)).isEqualTo(new StockLevel(SKU, 10, 4, 6, 7));
        assertThat(StockLevel.empty(SKU)).isEqualTo(new StockLevel(SKU, 0, 0, 0, 0));
    }

    @Test
    void refusesInconsistentCounts() {
        assertInvalid(() -> StockLevel.of(SKU, 3, 4, 0), "reserved");
        assertInvalid(() -> StockLevel.of(SKU, -1, 0, 0), "onHand");
        assertInvalid(() -> StockLevel.of(SKU, 1, -1, 0), "reserved");
        assertInvalid(() -> StockLevel.of(SKU, 1, 0, -1), "sold");
        assertInvalid(() -> new StockLevel(SKU, 10, 4, 5, 0), "available");
        assertInvalid(() -> StockLevel.of(null, 1, 0, 0), "sku");
    }

    @Test
    void aReservationExpiresAtItsExpiryInstant() {
        Reservation reservation = new Reservation(new ReservationId(UUID.randomUUID()), SKU, 2, NOW.plusSeconds(60), NOW);

        assertThat(reservation.isExpiredAt(NOW.plusSeconds(59))).isFalse();
        assertThat(reservation.isExpiredAt(NOW.plusSeconds(60))).isTrue();
        assertInvalid(() -> new Reservation(reservation.id(), SKU, 0, NOW.plusSeconds(60), NOW), "quantity");
        assertInvalid(() -> new Reservation(reservation.id(), SKU, 1, NOW, NOW), "expiresAt");
        assertInvalid(() -> ReservationId.parse("nope"), "reservationId");
        assertThat(ReservationId.parse(reservation.id().toString())).isEqualTo(reservation.id());
    }

    private static void assertInvalid(Runnable action, String field) {
        CommerceException failure = catchThrowableOfType(CommerceException.class, action::run);
        assertThat(failure).isNotNull();
        assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(failure.field()).isEqualTo(Optional.of(field));
    }
}
