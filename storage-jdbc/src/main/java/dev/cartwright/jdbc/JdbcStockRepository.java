package dev.cartwright.jdbc;

import dev.cartwright.catalog.Sku;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.inventory.ReservationStatus;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.inventory.StockRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stock rows with a {@code reserved} column that sums the reservations stored as live and still held.
 * Every change to a SKU's reservations first locks its stock row, then gives back (un-holds) the units of
 * its expired reservations, then moves stock with one guarded {@code UPDATE}; reads compute the live
 * reservations at the given instant, so they need no lock.
 */
final class JdbcStockRepository implements StockRepository {

    private static final String LEVEL = "SELECT s.sku, s.on_hand, s.sold, (SELECT COALESCE(SUM(r.quantity), 0)"
            + " FROM reservations r WHERE r.sku = s.sku AND r.status = 'LIVE' AND r.expires_at > :now) AS live"
            + " FROM stock s";

    private final Sql sql;

    JdbcStockRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<StockLevel> level(Sku sku, Instant now) {
        return Optional.ofNullable(levels(List.of(sku), now).get(sku));
    }

    @Override
    public Map<Sku, StockLevel> levels(Collection<Sku> skus, Instant now) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<String> values = skus.stream().map(Sku::value).distinct().toList();
        return sql.run(() -> {
            Map<Sku, StockLevel> levels = new HashMap<>();
            sql.handle.createQuery(LEVEL + " WHERE s.sku IN (<skus>)")
                    .bindList("skus", values)
                    .bind("now", Rows.nanos(now))
                    .map((rs, ctx) -> StockLevel.of(Sku.of(rs.getString("sku")), rs.getLong("on_hand"),
                            rs.getLong("live"), rs.getLong("sold")))
                    .forEach(level -> levels.put(level.sku(), level));
            return levels;
        });
    }

    @Override
    public void receive(Sku sku, long quantity) {
        sql.exec(() -> {
            ensure(sku);
            sql.handle.createUpdate("UPDATE stock SET on_hand = on_hand + :quantity WHERE sku = :sku")
                    .bind("sku", sku.value()).bind("quantity", quantity).execute();
        });
    }

    @Override
    public boolean tryAdjust(Sku sku, long delta, Instant now) {
        return sql.run(() -> {
            if (!lockAndReclaim(sku, now)) {
                if (delta < 0) {
                    return false;
                }
                ensure(sku);
                lockAndReclaim(sku, now);
            }
            return sql.handle.createUpdate("UPDATE stock SET on_hand = on_hand + :delta"
                    + " WHERE sku = :sku AND on_hand + :delta >= reserved")
                    .bind("sku", sku.value()).bind("delta", delta).execute() == 1;
        });
    }

    @Override
    public boolean tryReserve(Reservation reservation, Instant now) {
        Sku sku = reservation.sku();
        return sql.run(() -> {
            if (!lockAndReclaim(sku, now)) {
                return false;
            }
            int moved = sql.handle.createUpdate("UPDATE stock SET reserved = reserved + :quantity"
                    + " WHERE sku = :sku AND on_hand - reserved >= :quantity")
                    .bind("sku", sku.value()).bind("quantity", reservation.quantity()).execute();
            if (moved == 0) {
                return false;
            }
            sql.handle.createUpdate("INSERT INTO reservations (id, sku, quantity, status, held, expires_at, created_at)"
                    + " VALUES (:id, :sku, :quantity, 'LIVE', TRUE, :expiresAt, :createdAt)")
                    .bind("id", reservation.id().value())
                    .bind("sku", sku.value())
                    .bind("quantity", reservation.quantity())
                    .bind("expiresAt", Rows.nanos(reservation.expiresAt()))
                    .bind("createdAt", Rows.nanos(reservation.createdAt()))
                    .execute();
            return true;
        });
    }

    @Override
    public boolean tryCommit(ReservationId id, Instant now) {
        return sql.run(() -> {
            Optional<Stored> stored = lockFor(id);
            if (stored.isEmpty()) {
                return false;
            }
            int committed = sql.handle.createUpdate("UPDATE reservations SET status = 'COMMITTED', held = FALSE"
                    + " WHERE id = :id AND status = 'LIVE' AND expires_at > :now")
                    .bind("id", id.value()).bind("now", Rows.nanos(now)).execute();
            if (committed == 0) {
                return false;
            }
            long quantity = stored.get().quantity();
            long held = stored.get().held() ? quantity : 0;
            sql.handle.createUpdate("UPDATE stock SET on_hand = on_hand - :quantity, reserved = reserved - :held,"
                    + " sold = sold + :quantity WHERE sku = :sku")
                    .bind("sku", stored.get().sku()).bind("quantity", quantity).bind("held", held).execute();
            return true;
        });
    }

    @Override
    public boolean tryRelease(ReservationId id) {
        return sql.run(() -> {
            Optional<Stored> stored = lockFor(id);
            if (stored.isEmpty() || !stored.get().status().equals("LIVE")) {
                return false;
            }
            sql.handle.createUpdate("UPDATE reservations SET status = 'RELEASED', held = FALSE WHERE id = :id")
                    .bind("id", id.value()).execute();
            if (stored.get().held()) {
                sql.handle.createUpdate("UPDATE stock SET reserved = reserved - :quantity WHERE sku = :sku")
                        .bind("sku", stored.get().sku()).bind("quantity", stored.get().quantity()).execute();
            }
            return true;
        });
    }

    @Override
    public Optional<Reservation> findReservation(ReservationId id) {
        return sql.run(() -> sql.handle.createQuery("SELECT id, sku, quantity, expires_at, created_at"
                + " FROM reservations WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new Reservation(new ReservationId(Rows.uuid(rs, "id")), Sku.of(rs.getString("sku")),
                        rs.getLong("quantity"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public Optional<ReservationStatus> status(ReservationId id, Instant now) {
        long at = Rows.nanos(now);
        return sql.run(() -> sql.handle.createQuery("SELECT status, expires_at FROM reservations WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> {
                    ReservationStatus status = ReservationStatus.valueOf(rs.getString("status"));
                    return status == ReservationStatus.LIVE && rs.getLong("expires_at") <= at
                            ? ReservationStatus.EXPIRED : status;
                })
                .findOne());
    }

    /** Creates the SKU's stock row if it has none; concurrent creators do not collide. */
    private void ensure(Sku sku) {
        sql.handle.createUpdate(sql.dialect.insertUnlessTaken(
                "INTO stock (sku, on_hand, reserved, sold) VALUES (:sku, 0, 0, 0)"))
                .bind("sku", sku.value()).execute();
    }

    /**
     * Locks the SKU's stock row and stops counting its expired reservations, which stay stored as live
     * (so that they can still be released) but no longer hold units.
     *
     * @return whether the SKU has a stock row
     */
    private boolean lockAndReclaim(Sku sku, Instant now) {
        Optional<Long> onHand = sql.handle.createQuery("SELECT on_hand FROM stock WHERE sku = :sku FOR UPDATE")
                .bind("sku", sku.value()).mapTo(Long.class).findOne();
        if (onHand.isEmpty()) {
            return false;
        }
        long at = Rows.nanos(now);
        long expired = sql.handle.createQuery("SELECT COALESCE(SUM(quantity), 0) FROM reservations"
                + " WHERE sku = :sku AND status = 'LIVE' AND held = TRUE AND expires_at <= :now")
                .bind("sku", sku.value()).bind("now", at).mapTo(Long.class).one();
        if (expired > 0) {
            sql.handle.createUpdate("UPDATE reservations SET held = FALSE"
                    + " WHERE sku = :sku AND status = 'LIVE' AND held = TRUE AND expires_at <= :now")
                    .bind("sku", sku.value()).bind("now", at).execute();
            sql.handle.createUpdate("UPDATE stock SET reserved = reserved - :expired WHERE sku = :sku")
                    .bind("sku", sku.value()).bind("expired", expired).execute();
        }
        return true;
    }

    /** Locks the stock row of a reservation's SKU, then reads the reservation as it stands under that lock. */
    private Optional<Stored> lockFor(ReservationId id) {
        Optional<String> sku = sql.handle.createQuery("SELECT sku FROM reservations WHERE id = :id")
                .bind("id", id.value()).mapTo(String.class).findOne();
        if (sku.isEmpty()) {
            return Optional.empty();
        }
        sql.handle.createQuery("SELECT on_hand FROM stock WHERE sku = :sku FOR UPDATE")
                .bind("sku", sku.get()).mapTo(Long.class).findOne();
        return sql.handle.createQuery("SELECT sku, quantity, status, held FROM reservations WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new Stored(rs.getString("sku"), rs.getLong("quantity"), rs.getString("status"),
                        rs.getBoolean("held")))
                .findOne();
    }

    private record Stored(String sku, long quantity, String status, boolean held) {
    }
}
