package dev.cartwright.memory;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Stock rows by SKU, reservations by id, and an index of the reservations stored as live, sorted by
 * SKU, so a SKU's reserved units are a range scan. Expired reservations leave the index lazily when
 * that SKU is next reserved; they keep status live in the reservations table, which reads as expired.
 */
final class MemoryStockRepository implements StockRepository {

    private static final ReservationId LOWEST_ID = new ReservationId(new UUID(0, 0));

    private final MemoryTable<Sku, StockRow> stock;
    private final MemoryTable<ReservationId, StoredReservation> reservations;
    private final MemoryTable<LiveKey, Reservation> live;

    MemoryStockRepository(Journal journal) {
        this.stock = journal.table();
        this.reservations = journal.table();
        this.live = journal.sortedTable();
    }

    @Override
    public Optional<StockLevel> level(Sku sku, Instant now) {
        return stock.get(sku).map(row -> StockLevel.of(sku, row.onHand(), reserved(sku, now), row.sold()));
    }

    @Override
    public Map<Sku, StockLevel> levels(Collection<Sku> skus, Instant now) {
        Map<Sku, StockLevel> levels = new HashMap<>();
        for (Sku sku : skus) {
            level(sku, now).ifPresent(level -> levels.put(sku, level));
        }
        return levels;
    }

    @Override
    public void receive(Sku sku, long quantity) {
        StockRow row = stock.get(sku).orElse(StockRow.EMPTY);
        stock.put(sku, new StockRow(Math.addExact(row.onHand(), quantity), row.sold()));
    }

    @Override
    public boolean tryAdjust(Sku sku, long delta, Instant now) {
        StockRow row = stock.get(sku).orElse(StockRow.EMPTY);
        long onHand = Math.addExact(row.onHand(), delta);
        if (onHand < reserved(sku, now)) {
            return false;
        }
        stock.put(sku, new StockRow(onHand, row.sold()));
        return true;
    }

    @Override
    public ReservationAttempt tryReserveAll(List<Reservation> batch, Instant now) {
        if (batch.stream().map(Reservation::sku).distinct().count() != batch.size()) {
            throw CommerceException.invalid("reservations", "must name each SKU once");
        }
        Map<Sku, Long> wanted = new HashMap<>();
        batch.forEach(reservation -> wanted.put(reservation.sku(), reservation.quantity()));
        ReservationAttempt attempt = available(wanted, now);
        if (attempt.recorded()) {
            for (Reservation reservation : batch) {
                reservations.put(reservation.id(), new StoredReservation(reservation, ReservationStatus.LIVE));
                live.put(new LiveKey(reservation.sku(), reservation.id()), reservation);
            }
        }
        return attempt;
    }

    @Override
    public ReservationAttempt trySellAll(Map<Sku, Long> quantities, Instant now) {
        quantities.values().forEach(quantity -> Validate.positive(quantity, "quantity"));
        ReservationAttempt attempt = available(quantities, now);
        if (attempt.recorded()) {
            quantities.forEach((sku, quantity) -> {
                StockRow row = stock.get(sku).orElseThrow();
                stock.put(sku, new StockRow(row.onHand() - quantity, Math.addExact(row.sold(), quantity)));
            });
        }
        return attempt;
    }

    /**
     * Reclaims the SKUs' expired reservations and tells whether each has the units wanted available.
     *
     * @return recorded if every SKU is stocked and has its units, with each stocked SKU's units available
     */
    private ReservationAttempt available(Map<Sku, Long> wanted, Instant now) {
        Map<Sku, Long> availableBefore = new HashMap<>();
        boolean enough = true;
        for (Map.Entry<Sku, Long> entry : wanted.entrySet()) {
            Optional<StockRow> row = stock.get(entry.getKey());
            if (row.isEmpty()) {
                enough = false;
                continue;
            }
            reclaimExpired(entry.getKey(), now);
            long available = row.get().onHand() - reserved(entry.getKey(), now);
            availableBefore.put(entry.getKey(), available);
            enough &= available >= entry.getValue();
        }
        return new ReservationAttempt(enough, availableBefore);
    }

    @Override
    public Set<ReservationId> tryCommitAll(Collection<ReservationId> ids, Instant now) {
        Set<ReservationId> committed = new HashSet<>();
        for (ReservationId id : ids) {
            if (commit(id, now)) {
                committed.add(id);
            }
        }
        return committed;
    }

    private boolean commit(ReservationId id, Instant now) {
        Optional<StoredReservation> stored = reservations.get(id);
        if (stored.isEmpty() || stored.get().status() != ReservationStatus.LIVE
                || stored.get().reservation().isExpiredAt(now)) {
            return false;
        }
        Reservation reservation = stored.get().reservation();
        StockRow row = stock.get(reservation.sku()).orElseThrow();
        reservations.put(id, new StoredReservation(reservation, ReservationStatus.COMMITTED));
        live.remove(new LiveKey(reservation.sku(), id));
        stock.put(reservation.sku(), new StockRow(row.onHand() - reservation.quantity(),
                Math.addExact(row.sold(), reservation.quantity())));
        return true;
    }

    @Override
    public boolean tryRelease(ReservationId id) {
        Optional<StoredReservation> stored = reservations.get(id);
        if (stored.isEmpty() || stored.get().status() != ReservationStatus.LIVE) {
            return false;
        }
        Reservation reservation = stored.get().reservation();
        reservations.put(id, new StoredReservation(reservation, ReservationStatus.RELEASED));
        live.remove(new LiveKey(reservation.sku(), id));
        return true;
    }

    @Override
    public boolean tryReturnCommitted(ReservationId id) {
        Optional<StoredReservation> stored = reservations.get(id);
        if (stored.isEmpty() || stored.get().status() != ReservationStatus.COMMITTED) {
            return false;
        }
        Reservation reservation = stored.get().reservation();
        returnSoldAll(Map.of(reservation.sku(), reservation.quantity()));
        reservations.put(id, new StoredReservation(reservation, ReservationStatus.RELEASED));
        return true;
    }

    @Override
    public void returnSoldAll(Map<Sku, Long> quantities) {
        Map<Sku, Long> sold = new HashMap<>();
        for (Sku sku : ReturnExceedsSoldException.validated(quantities).keySet()) {
            stock.get(sku).ifPresent(row -> sold.put(sku, row.sold()));
        }
        Optional<ReturnExceedsSoldException> refusal = ReturnExceedsSoldException.firstOver(quantities, sold);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        quantities.forEach((sku, quantity) -> {
            StockRow row = stock.get(sku).orElseThrow();
            stock.put(sku, new StockRow(Math.addExact(row.onHand(), quantity), row.sold() - quantity));
        });
    }

    @Override
    public Optional<Reservation> findReservation(ReservationId id) {
        return reservations.get(id).map(StoredReservation::reservation);
    }

    @Override
    public Optional<ReservationStatus> status(ReservationId id, Instant now) {
        return reservations.get(id).map(stored -> stored.status() == ReservationStatus.LIVE
                && stored.reservation().isExpiredAt(now) ? ReservationStatus.EXPIRED : stored.status());
    }

    private long reserved(Sku sku, Instant now) {
        long reserved = 0;
        for (Reservation reservation : liveOf(sku)) {
            if (!reservation.isExpiredAt(now)) {
                reserved += reservation.quantity();
            }
        }
        return reserved;
    }

    private void reclaimExpired(Sku sku, Instant now) {
        for (Reservation reservation : liveOf(sku)) {
            if (reservation.isExpiredAt(now)) {
                live.remove(new LiveKey(sku, reservation.id()));
            }
        }
    }

    private List<Reservation> liveOf(Sku sku) {
        List<Reservation> ofSku = new ArrayList<>();
        for (Map.Entry<LiveKey, Reservation> entry : live.sorted().tailMap(new LiveKey(sku, LOWEST_ID), true).entrySet()) {
            if (!entry.getKey().sku().equals(sku)) {
                break;
            }
            ofSku.add(entry.getValue());
        }
        return ofSku;
    }

    /** Units on hand (reserved or not) and sold, of one SKU. */
    private record StockRow(long onHand, long sold) {
        static final StockRow EMPTY = new StockRow(0, 0);
    }

    /** A reservation and its stored status: live, released or committed (never expired, which is read-time). */
    private record StoredReservation(Reservation reservation, ReservationStatus status) {
    }

    /** Orders the live index by SKU, then id. */
    private record LiveKey(Sku sku, ReservationId id) implements Comparable<LiveKey> {
        @Override
        public int compareTo(LiveKey other) {
            int bySku = sku.compareTo(other.sku);
            return bySku != 0 ? bySku : id.compareTo(other.id);
        }
    }
}
