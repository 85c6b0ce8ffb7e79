package dev.cartwright.jdbc;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationAttempt;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.inventory.ReservationStatus;
import dev.cartwright.inventory.ReturnExceedsSoldException;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.inventory.StockRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Stock rows with a {@code reserved} column that sums the reservations stored as live and still held.
 * Every change to a SKU's reservations first locks its stock row (several SKUs: in SKU order, with one
 * statement), then gives back (un-holds) the units of its expired reservations, then moves stock; reads compute
 * the live reservations at the given instant, so they need no lock.
 */
final class JdbcStockRepository implements StockRepository {

    private static final String LEVEL = "SELECT s.sku, s.on_hand, s.sold, " + liveUnits(":now") + " AS live"
            + " FROM stock s";

    /** The units of stock row {@code s} that live reservations hold at the instant bound to the placeholder. */
    private static String liveUnits(String now) {
        return "(SELECT COALESCE(SUM(r.quantity), 0) FROM reservations r WHERE r.sku = s.sku AND r.status = 'LIVE'"
                + " AND r.expires_at > " + now + ")";
    }

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
            if (lockAndReclaim(List.of(sku.value()), now).isEmpty()) {
                if (delta < 0) {
                    return false;
                }
                ensure(sku);
                lockAndReclaim(List.of(sku.value()), now);
            }
            return sql.handle.createUpdate("UPDATE stock SET on_hand = on_hand + :delta"
                    + " WHERE sku = :sku AND on_hand + :delta >= reserved")
                    .bind("sku", sku.value()).bind("delta", delta).execute() == 1;
        });
    }

    @Override
    public ReservationAttempt tryReserveAll(List<Reservation> reservations, Instant now) {
        Map<String, Reservation> bySku = new TreeMap<>();
        for (Reservation reservation : reservations) {
            if (bySku.put(reservation.sku().value(), reservation) != null) {
                throw CommerceException.invalid("reservations", "must name each SKU once; " + reservation.sku()
                        + " repeats");
            }
        }
        if (bySku.isEmpty()) {
            return new ReservationAttempt(true, Map.of());
        }
        return sql.run(() -> {
            Map<String, Locked> locked = lockAndReclaim(bySku.keySet(), now);
            Map<Sku, Long> availableBefore = new HashMap<>();
            locked.forEach((sku, row) -> availableBefore.put(Sku.of(sku), row.available()));
            boolean enough = bySku.values().stream()
                    .allMatch(reservation -> locked.containsKey(reservation.sku().value())
                            && locked.get(reservation.sku().value()).available() >= reservation.quantity());
            if (!enough) {
                return new ReservationAttempt(false, availableBefore);
            }
            // Under the locks taken above the rows cannot change, so the checks made here hold for the writes.
            PreparedBatch moves = sql.handle.prepareBatch(
                    "UPDATE stock SET reserved = reserved + :quantity WHERE sku = :sku");
            PreparedBatch inserts = sql.handle.prepareBatch("INSERT INTO reservations"
                    + " (id, sku, quantity, status, held, expires_at, created_at)"
                    + " VALUES (:id, :sku, :quantity, 'LIVE', TRUE, :expiresAt, :createdAt)");
            for (Reservation reservation : bySku.values()) {
                moves.bind("sku", reservation.sku().value()).bind("quantity", reservation.quantity()).add();
                inserts.bind("id", reservation.id().value())
                        .bind("sku", reservation.sku().value())
                        .bind("quantity", reservation.quantity())
                        .bind("expiresAt", Rows.nanos(reservation.expiresAt()))
                        .bind("createdAt", Rows.nanos(reservation.createdAt()))
                        .add();
            }
            moves.execute();
            inserts.execute();
            return new ReservationAttempt(true, availableBefore);
        });
    }

    /**
     * One guarded sale per SKU, in SKU order, sent with the transaction's held-back writes and followed by the
     * SKUs' levels, in one round trip on PostgreSQL. Only when a SKU is short, or its units are held by
     * reservations that may have expired, does it lock and reclaim as a reservation does.
     */
    @Override
    public ReservationAttempt trySellAll(Map<Sku, Long> quantities, Instant now) {
        Map<String, Long> bySku = new TreeMap<>();
        quantities.forEach((sku, quantity) -> {
            Validate.positive(quantity, "quantity");
            bySku.put(sku.value(), quantity);
        });
        if (bySku.isEmpty()) {
            return new ReservationAttempt(true, Map.of());
        }
        return sql.run(() -> {
            List<Object[]> sales = new ArrayList<>();
            bySku.forEach((sku, quantity) -> sales.add(new Object[] {quantity, quantity, sku, quantity}));
            Pipeline.Answer answer = sql.send(List.of(new Pipeline.Step("UPDATE stock SET on_hand = on_hand - ?,"
                    + " sold = sold + ? WHERE sku = ? AND on_hand - reserved >= ?", sales)),
                    levelsAfter(bySku.keySet(), now), 2);
            Map<Sku, Long> availableBefore = new HashMap<>();
            for (Object[] row : answer.rows()) {
                String sku = (String) row[0];
                availableBefore.put(Sku.of(sku), ((Number) row[1]).longValue() + bySku.get(sku));
            }
            int[] counts = answer.counts().get(0);
            Map<String, Long> sold = new TreeMap<>();
            Map<String, Long> unsold = new TreeMap<>();
            int i = 0;
            for (Map.Entry<String, Long> entry : bySku.entrySet()) {
                (counts[i++] == 1 ? sold : unsold).put(entry.getKey(), entry.getValue());
            }
            return unsold.isEmpty() ? new ReservationAttempt(true, availableBefore)
                    : sellTheRest(sold, unsold, availableBefore, now);
        });
    }

    /**
     * What the SKUs have available after the sale: on hand less the live reservations, not less {@code reserved},
     * which still counts the units of reservations that expired and that nothing has reclaimed yet.
     */
    private static Pipeline.Step levelsAfter(Set<String> skus, Instant now) {
        List<Object> values = new ArrayList<>();
        values.add(Rows.nanos(now));
        values.addAll(skus);
        return Pipeline.Step.of("SELECT s.sku, s.on_hand - " + liveUnits("?") + " FROM stock s WHERE s.sku IN ("
                + String.join(", ", Collections.nCopies(skus.size(), "?")) + ")", values.toArray());
    }

    /**
     * The SKUs the guarded sale left unsold: reclaimed and sold under their locks, or every sale undone. This may
     * lock a short SKU after a later one the guarded sale already holds, out of SKU order; a deadlock that follows
     * is retried by the store like any other. It only happens on this rare path (a SKU short, or holding expired
     * reservations), never on the guarded sale.
     */
    private ReservationAttempt sellTheRest(Map<String, Long> sold, Map<String, Long> unsold,
            Map<Sku, Long> availableBefore, Instant now) {
        Map<String, Locked> locked = lockAndReclaim(unsold.keySet(), now);
        Map<Sku, Long> before = new HashMap<>(availableBefore);
        unsold.keySet().forEach(sku -> before.remove(Sku.of(sku)));
        locked.forEach((sku, row) -> before.put(Sku.of(sku), row.available()));
        boolean enough = unsold.entrySet().stream().allMatch(entry -> locked.containsKey(entry.getKey())
                && locked.get(entry.getKey()).available() >= entry.getValue());
        if (!enough) {
            move(sold, -1);
            return new ReservationAttempt(false, before);
        }
        // Under the locks taken above the rows cannot change, so the checks made here hold for the writes.
        move(unsold, 1);
        return new ReservationAttempt(true, before);
    }

    /** Sells units ({@code direction} 1) or undoes their sale (-1), SKU by SKU in one batch. */
    private void move(Map<String, Long> units, int direction) {
        if (units.isEmpty()) {
            return;
        }
        PreparedBatch moves = sql.handle.prepareBatch("UPDATE stock SET on_hand = on_hand - :quantity,"
                + " sold = sold + :quantity WHERE sku = :sku");
        units.forEach((sku, quantity) -> moves.bind("sku", sku).bind("quantity", direction * quantity).add());
        moves.execute();
    }

    @Override
    public Set<ReservationId> tryCommitAll(Collection<ReservationId> ids, Instant now) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        long at = Rows.nanos(now);
        return sql.run(() -> {
            Map<ReservationId, Stored> stored = lockFor(ids);
            // Every change to a reservation holds its SKU's lock, taken above, so what was read still stands.
            Map<ReservationId, Stored> committable = new LinkedHashMap<>();
            stored.forEach((id, row) -> {
                if (row.status().equals("LIVE") && row.expiresAt() > at) {
                    committable.put(id, row);
                }
            });
            if (committable.isEmpty()) {
                return Set.of();
            }
            int committed = sql.handle.createUpdate("UPDATE reservations SET status = 'COMMITTED', held = FALSE"
                    + " WHERE id IN (<ids>) AND status = 'LIVE' AND expires_at > :now")
                    .bindList("ids", committable.keySet().stream().map(ReservationId::value).toList())
                    .bind("now", at)
                    .execute();
            if (committed != committable.size()) {
                throw new IllegalStateException("committed " + committed + " of " + committable.size()
                        + " reservations read under their SKUs' locks");
            }
            Map<String, long[]> sold = new TreeMap<>();
            for (Stored row : committable.values()) {
                long[] units = sold.computeIfAbsent(row.sku(), sku -> new long[2]);
                units[0] += row.quantity();
                units[1] += row.held() ? row.quantity() : 0;
            }
            PreparedBatch moves = sql.handle.prepareBatch("UPDATE stock SET on_hand = on_hand - :quantity,"
                    + " reserved = reserved - :held, sold = sold + :quantity WHERE sku = :sku");
            sold.forEach((sku, units) -> moves.bind("sku", sku).bind("quantity", units[0]).bind("held", units[1])
                    .add());
            moves.execute();
            return Set.copyOf(committable.keySet());
        });
    }

    @Override
    public boolean tryRelease(ReservationId id) {
        return sql.run(() -> {
            Optional<Stored> stored = Optional.ofNullable(lockFor(List.of(id)).get(id));
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
    public boolean tryReturnCommitted(ReservationId id) {
        return sql.run(() -> {
            Optional<Stored> stored = Optional.ofNullable(lockFor(List.of(id)).get(id));
            if (stored.isEmpty() || !stored.get().status().equals("COMMITTED")) {
                return false;
            }
            // Under the SKU's lock, taken above, the reservation stays committed and the sold units stay counted.
            String sku = stored.get().sku();
            long quantity = stored.get().quantity();
            int returned = sql.handle.createUpdate("UPDATE stock SET on_hand = on_hand + :quantity,"
                    + " sold = sold - :quantity WHERE sku = :sku AND sold >= :quantity")
                    .bind("sku", sku).bind("quantity", quantity).execute();
            if (returned != 1) {
                long sold = sql.handle.createQuery("SELECT sold FROM stock WHERE sku = :sku")
                        .bind("sku", sku).mapTo(Long.class).findOne().orElse(0L);
                throw new ReturnExceedsSoldException(Sku.of(sku), quantity, sold);
            }
            int released = sql.handle.createUpdate("UPDATE reservations SET status = 'RELEASED'"
                    + " WHERE id = :id AND status = 'COMMITTED'")
                    .bind("id", id.value()).execute();
            if (released != 1) {
                throw new IllegalStateException("reservation " + id + " read as committed under its SKU's lock"
                        + " was not committed when released");
            }
            return true;
        });
    }

    @Override
    public void returnSoldAll(Map<Sku, Long> quantities) {
        Map<String, Long> bySku = new TreeMap<>();
        ReturnExceedsSoldException.validated(quantities).forEach((sku, quantity) -> bySku.put(sku.value(), quantity));
        if (bySku.isEmpty()) {
            return;
        }
        sql.exec(() -> {
            Map<Sku, Long> sold = new HashMap<>();
            sql.handle.createQuery("SELECT sku, sold FROM stock WHERE sku IN (<skus>) ORDER BY sku FOR UPDATE")
                    .bindList("skus", List.copyOf(bySku.keySet()))
                    .map((rs, ctx) -> Map.entry(Sku.of(rs.getString("sku")), rs.getLong("sold")))
                    .forEach(entry -> sold.put(entry.getKey(), entry.getValue()));
            Optional<ReturnExceedsSoldException> refusal = ReturnExceedsSoldException.firstOver(quantities, sold);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
            // Under the locks taken above no other return can take the units counted as sold.
            PreparedBatch moves = sql.handle.prepareBatch("UPDATE stock SET on_hand = on_hand + :quantity,"
                    + " sold = sold - :quantity WHERE sku = :sku");
            bySku.forEach((sku, quantity) -> moves.bind("sku", sku).bind("quantity", quantity).add());
            moves.execute();
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
     * Locks the SKUs' stock rows, in SKU order, and stops counting their expired reservations, which stay stored
     * as live (so that they can still be released) but no longer hold units. Two round trips, or four when
     * there is something to reclaim.
     *
     * @return the locked rows by SKU; SKUs without stock are absent
     */
    private Map<String, Locked> lockAndReclaim(Collection<String> skus, Instant now) {
        Map<String, Locked> locked = new TreeMap<>();
        sql.handle.createQuery("SELECT sku, on_hand, reserved FROM stock WHERE sku IN (<skus>) ORDER BY sku"
                + " FOR UPDATE")
                .bindList("skus", List.copyOf(skus))
                .map((rs, ctx) -> new Locked(rs.getString("sku"), rs.getLong("on_hand"), rs.getLong("reserved")))
                .forEach(row -> locked.put(row.sku(), row));
        if (locked.isEmpty()) {
            return locked;
        }
        long at = Rows.nanos(now);
        Map<String, Long> expired = new TreeMap<>();
        // One indexed look-up per SKU, in one statement: with "sku IN (...)" H2 would walk every reservation
        // the SKUs ever had, committed ones included.
        List<String> lockedSkus = List.copyOf(locked.keySet());
        StringJoiner perSku = new StringJoiner(" UNION ALL ");
        for (int i = 0; i < lockedSkus.size(); i++) {
            perSku.add("SELECT sku, quantity FROM reservations WHERE sku = :sku" + i
                    + " AND status = 'LIVE' AND held = TRUE AND expires_at <= :now");
        }
        Query expiredQuery = sql.handle.createQuery(perSku.toString()).bind("now", at);
        for (int i = 0; i < lockedSkus.size(); i++) {
            expiredQuery.bind("sku" + i, lockedSkus.get(i));
        }
        expiredQuery.map((rs, ctx) -> Map.entry(rs.getString("sku"), rs.getLong("quantity")))
                .forEach(entry -> expired.merge(entry.getKey(), entry.getValue(), Long::sum));
        if (expired.isEmpty()) {
            return locked;
        }
        PreparedBatch unhold = sql.handle.prepareBatch("UPDATE reservations SET held = FALSE"
                + " WHERE sku = :sku AND status = 'LIVE' AND held = TRUE AND expires_at <= :now");
        expired.keySet().forEach(sku -> unhold.bind("sku", sku).bind("now", at).add());
        unhold.execute();
        PreparedBatch giveBack = sql.handle.prepareBatch("UPDATE stock SET reserved = reserved - :expired"
                + " WHERE sku = :sku");
        expired.forEach((sku, units) -> {
            giveBack.bind("sku", sku).bind("expired", units).add();
            Locked row = locked.get(sku);
            locked.put(sku, new Locked(sku, row.onHand(), row.reserved() - units));
        });
        giveBack.execute();
        return locked;
    }

    /**
     * Locks the stock rows of the reservations' SKUs, in SKU order, then reads the reservations as they stand
     * under those locks.
     *
     * @return the reservations found, by id
     */
    private Map<ReservationId, Stored> lockFor(Collection<ReservationId> ids) {
        List<UUID> values = ids.stream().map(ReservationId::value).distinct().toList();
        sql.handle.createQuery("SELECT sku FROM stock WHERE sku IN (SELECT sku FROM reservations WHERE id IN (<ids>))"
                + " ORDER BY sku FOR UPDATE")
                .bindList("ids", values)
                .mapTo(String.class)
                .list();
        Map<ReservationId, Stored> stored = new HashMap<>();
        sql.handle.createQuery("SELECT id, sku, quantity, status, held, expires_at FROM reservations"
                + " WHERE id IN (<ids>)")
                .bindList("ids", values)
                .map((rs, ctx) -> Map.entry(new ReservationId(Rows.uuid(rs, "id")), new Stored(rs.getString("sku"),
                        rs.getLong("quantity"), rs.getString("status"), rs.getBoolean("held"),
                        rs.getLong("expires_at"))))
                .forEach(entry -> stored.put(entry.getKey(), entry.getValue()));
        return stored;
    }

    /** A stock row as locked, with its expired reservations already given back. */
    private record Locked(String sku, long onHand, long reserved) {

        long available() {
            return onHand - reserved;
        }
    }

    private record Stored(String sku, long quantity, String status, boolean held, long expiresAt) {
    }
}
