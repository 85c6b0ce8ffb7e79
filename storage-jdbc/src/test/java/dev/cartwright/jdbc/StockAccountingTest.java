package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.StoreTransaction;
import dev.cartwright.catalog.Sku;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.inventory.ReservationStatus;
import dev.cartwright.inventory.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The stock row's count of held units through expiry, reclaim and release: an expired reservation that is
 * reclaimed and then released must give its units back once, not twice.
 */
class StockAccountingTest {

    private static final Sku MUG = Sku.of("MUG-1");
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private final JdbcStore store = TestDatabases.freshH2Store();

    private boolean reserve(ReservationId id, long quantity, Instant now) {
        return store.inTransaction(tx -> tx.stock().tryReserve(
                new Reservation(id, MUG, quantity, now.plus(Duration.ofMinutes(15)), now), now));
    }

    private boolean check(Function<StoreTransaction, Boolean> step) {
        return store.inTransaction(step);
    }

    private Optional<ReservationStatus> status(ReservationId id, Instant now) {
        return store.inTransaction(tx -> tx.stock().status(id, now));
    }

    private Optional<StockLevel> level(Instant now) {
        return store.inTransaction(tx -> tx.stock().level(MUG, now));
    }

    @Test
    void anExpiredReservationReclaimedAndThenReleasedGivesItsUnitsBackOnce() {
        store.inTransaction(tx -> {
            tx.stock().receive(MUG, 5);
            return null;
        });
        ReservationId first = new ReservationId(UUID.randomUUID());
        ReservationId second = new ReservationId(UUID.randomUUID());
        assertThat(reserve(first, 5, T0)).isTrue();

        Instant later = T0.plus(Duration.ofMinutes(20));
        assertThat(reserve(second, 5, later)).isTrue();
        assertThat(status(first, later)).contains(ReservationStatus.EXPIRED);
        assertThat(check(tx -> tx.stock().tryRelease(first))).isTrue();

        assertThat(level(later)).contains(StockLevel.of(MUG, 5, 5, 0));
        assertThat(check(tx -> tx.stock().tryAdjust(MUG, -1, later))).isFalse();
        assertThat(reserve(new ReservationId(UUID.randomUUID()), 1, later)).isFalse();
        assertThat(check(tx -> tx.stock().tryCommit(second, later))).isTrue();
        assertThat(level(later)).contains(StockLevel.of(MUG, 0, 0, 5));
    }

    @Test
    void aFailedAdjustOfASkuNeverStockedCreatesNoStock() {
        assertThat(check(tx -> tx.stock().tryAdjust(MUG, -1, T0))).isFalse();
        assertThat(level(T0)).isEmpty();
        assertThat(check(tx -> tx.stock().tryAdjust(MUG, 0, T0))).isTrue();
        assertThat(level(T0)).contains(StockLevel.empty(MUG));
    }
}
