package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.inventory.StockLevel;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The stock table's CHECK constraints (V5), the database's own backstop under the guarded stock moves: a write
 * that would leave a count out of bounds is refused, whoever makes it, and the store reports the refusal as
 * {@code INSUFFICIENT_STOCK} naming the count.
 */
abstract class StockChecksScenario {

    private static final Sku MUG = Sku.of("MUG-1");
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    /** @return the data source of a fresh, migrated and empty store's schema */
    protected abstract DataSource dataSource();

    /** @return the store over {@link #dataSource()} */
    protected abstract JdbcStore store();

    /** @return the dialect of the database, for translating its errors */
    protected abstract Dialect dialect();

    private static Optional<StockLevel> level(JdbcStore store, Sku sku, Instant now) {
        return store.inTransaction(tx -> tx.stock().level(sku, now));
    }

    private static boolean reserve(JdbcStore store, ReservationId id, Instant now) {
        return store.inTransaction(tx -> tx.stock().tryReserve(
                new Reservation(id, MUG, 5, now.plus(Duration.ofMinutes(15)), now), now));
    }

    private static boolean commit(JdbcStore store, ReservationId id, Instant now) {
        return store.inTransaction(tx -> tx.stock().tryCommit(id, now));
    }

    /** Runs one raw statement in its own connection and returns how the store would report its failure. */
    private CommerceException refusalOf(String statement) {
        SQLException refused = catchThrowableOfType(SQLException.class, () -> {
            try (Connection connection = dataSource().getConnection(); Statement sql = connection.createStatement()) {
                sql.executeUpdate(statement);
            }
        });
        assertThat((Object) refused).as("the database accepted: " + statement).isNotNull();
        return SqlErrors.translate(new IllegalStateException("raw write", refused), dialect());
    }

    private void assertRefused(String statement, String field) {
        CommerceException refusal = refusalOf(statement);
        assertThat(refusal.code()).as(refusal.toString()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
        assertThat(refusal.field()).as(refusal.toString()).contains(field);
    }

    @Test
    void rawWritesThatTakeAStockCountOutOfBoundsAreRefused() {
        JdbcStore store = store();
        store.inTransaction(tx -> {
            tx.stock().receive(MUG, 5);
            return null;
        });

        assertRefused("UPDATE stock SET on_hand = -1, reserved = 0 WHERE sku = 'MUG-1'", "onHand");
        assertRefused("UPDATE stock SET sold = -1 WHERE sku = 'MUG-1'", "sold");
        assertRefused("UPDATE stock SET reserved = -1 WHERE sku = 'MUG-1'", "reserved");
        assertRefused("UPDATE stock SET reserved = on_hand + 1 WHERE sku = 'MUG-1'", "reserved");
        assertRefused("INSERT INTO stock (sku, on_hand, reserved, sold) VALUES ('PAN-1', 0, 0, -3)", "sold");

        assertThat(level(store, MUG, T0)).contains(StockLevel.of(MUG, 5, 0, 0));
        assertThat(level(store, Sku.of("PAN-1"), T0)).isEmpty();
    }

    /**
     * Two nodes whose clocks disagree: one, ahead, reclaims an expired reservation and hands its units to
     * another; the other, behind, still sees the first reservation live and commits it. The guarded commit
     * cannot see the double use (the reservation is live at its {@code now}); the database's check on
     * {@code reserved <= on_hand} refuses it, so the units are not sold twice.
     */
    @Test
    void aCommitFromANodeWhoseClockLagsCannotSellUnitsTwice() {
        JdbcStore store = store();
        store.inTransaction(tx -> {
            tx.stock().receive(MUG, 5);
            return null;
        });
        ReservationId first = new ReservationId(UUID.randomUUID());
        ReservationId second = new ReservationId(UUID.randomUUID());
        Instant ahead = T0.plus(Duration.ofMinutes(20));
        assertThat(reserve(store, first, T0)).isTrue();
        assertThat(reserve(store, second, ahead)).isTrue();

        Instant behind = T0.plus(Duration.ofMinutes(1));
        CommerceException refusal = catchThrowableOfType(CommerceException.class,
                () -> commit(store, first, behind));

        assertThat(refusal).isNotNull();
        assertThat(refusal.code()).as(refusal.toString()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
        assertThat(refusal.field()).as(refusal.toString()).contains("reserved");
        assertThat(level(store, MUG, ahead)).contains(StockLevel.of(MUG, 5, 5, 0));
        assertThat(commit(store, second, ahead)).isTrue();
        assertThat(level(store, MUG, ahead)).contains(StockLevel.of(MUG, 0, 0, 5));
    }
}
