package dev.cartwright.inventory;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A key's sale of one SKU as {@link StockHolds} keeps it, in parts: a return of part of a sale
 * ({@link StockHolds#returnSold}) gives the sold hold back and sells what stays sold again, as a reservation of its
 * own whose id is derived from the key, the SKU and how many such parts came before it; so what a key still has sold
 * of a SKU is the latest of that chain, which {@link StockHolds#release} and {@link StockHolds#confirm} look at. The
 * return itself is recorded as a reservation held and given back at once (it holds nothing), whose id is derived
 * from the key, the return id and the SKU, so a repeated return finds it. No column records either. Each method runs
 * in the caller's transaction, each step under the SKU's lock. Stateless.
 */
final class SaleParts {

    /**
     * How long the reservations that a return writes and settles at once are made to last: they are committed or
     * given back in the same transaction, so this only has to outlast it.
     */
    private static final Duration SETTLED_AT_ONCE = Duration.ofMinutes(1);

    /**
     * How often a return looks at a sale again after a concurrent call changed it: the first failed step holds the
     * SKU's lock, so a second look is final; more are for stores that lock otherwise.
     */
    private static final int RETURN_ATTEMPTS = 5;

    private SaleParts() {
    }

    /** Gives back what the key holds or still has sold of the SKU: a live hold is released, a sale returned. */
    static void giveBack(StockRepository stock, String key, Sku sku, Instant now) {
        Optional<Sale> sale = latest(stock, key, sku, now);
        while (sale.isPresent()) {
            ReservationId id = sale.get().id();
            // Each step checks under the SKU's lock: a hold sold since it was looked at is returned instead.
            if (stock.tryRelease(id) || stock.tryReturnCommitted(id)) {
                return;
            }
            // Nothing was left to give back, unless a concurrent return moved what stays sold on to a next part.
            Optional<Sale> again = latest(stock, key, sku, now);
            if (again.map(Sale::id).equals(Optional.of(id))) {
                return;
            }
            sale = again;
        }
    }

    /** Whether a return's units of one SKU went back by this call or by an earlier one with the same return id. */
    enum Returned { NOW, BEFORE }

    /**
     * Puts {@code quantity} of what the key still has sold of the SKU back on hand as return {@code returnId}, or finds
     * that an earlier call with that return id did.
     *
     * @throws ReturnExceedsSoldException if the key has fewer units still sold
     * @throws CommerceException {@code CONFLICT} (field {@code returnId}) if the return id returned other units
     */
    static Returned returnPart(StockRepository stock, String key, String returnId, Sku sku, long quantity,
            Instant now) {
        ReservationId recordId = returnRecordId(key, returnId, sku);
        for (int attempt = 0; attempt < RETURN_ATTEMPTS; attempt++) {
            Optional<Sale> sale = latest(stock, key, sku, now);
            // Read after the sale: a concurrent repeat of this return that changed the sale shows its record here.
            Optional<Reservation> recorded = stock.findReservation(recordId);
            if (recorded.isPresent()) {
                if (recorded.get().quantity() != quantity) {
                    throw returnIdUsedForOther(key, returnId);
                }
                return Returned.BEFORE;
            }
            long stillSold = sale.filter(latest -> latest.status() == ReservationStatus.COMMITTED)
                    .map(latest -> stock.findReservation(latest.id()).orElseThrow().quantity()).orElse(0L);
            if (stillSold < quantity) {
                throw new ReturnExceedsSoldException(sku, quantity, stillSold);
            }
            if (!stock.tryReturnCommitted(sale.get().id())) {
                // Returned or given back by a concurrent call since it was read: look again.
                continue;
            }
            if (stillSold > quantity) {
                Reservation rest = new Reservation(restId(key, sku, sale.get().part() + 1), sku, stillSold - quantity,
                        now.plus(SETTLED_AT_ONCE), now);
                // The units just went back on hand under the SKU's lock, so selling fewer of them again cannot fail.
                if (!stock.tryReserveAll(List.of(rest), now).recorded()
                        || !stock.tryCommitAll(List.of(rest.id()), now).contains(rest.id())) {
                    throw new IllegalStateException("could not sell again the rest of " + sku + " under key " + key);
                }
            }
            Reservation record = new Reservation(recordId, sku, quantity, now.plus(SETTLED_AT_ONCE), now);
            if (!stock.tryReserveAll(List.of(record), now).recorded() || !stock.tryRelease(recordId)) {
                throw new IllegalStateException("could not record return " + returnId + " of " + sku + " under key "
                        + key);
            }
            return Returned.NOW;
        }
        throw CommerceException.conflict("the sale of " + sku + " under key " + key + " kept changing during return "
                + returnId);
    }

    /**
     * What a key has sold, or holds, of one SKU as it stands now: the hold itself (part 0), or what stays sold after
     * the latest partial return.
     *
     * @param id the reservation
     * @param part how many partial returns came before it
     * @param status its status
     */
    record Sale(ReservationId id, int part, ReservationStatus status) {
    }

    /** @return the latest of the key's sale of the SKU; empty if the key never held it */
    static Optional<Sale> latest(StockRepository stock, String key, Sku sku, Instant now) {
        Optional<ReservationStatus> status = stock.status(StockHolds.holdId(key, sku), now);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        Sale sale = new Sale(StockHolds.holdId(key, sku), 0, status.get());
        // A part is written in the transaction that gives its predecessor back by a return, so only a part given
        // back can have a next one; and seeing it absent after reading the predecessor's status means no return had
        // moved the sale on when that status was read.
        while (sale.status() == ReservationStatus.RELEASED) {
            ReservationId next = restId(key, sku, sale.part() + 1);
            Optional<ReservationStatus> nextStatus = stock.status(next, now);
            if (nextStatus.isEmpty()) {
                return Optional.of(sale);
            }
            sale = new Sale(next, sale.part() + 1, nextStatus.get());
        }
        return Optional.of(sale);
    }

    /** The id of what stays sold of {@code sku} under {@code key} after its {@code part}-th partial return. */
    static ReservationId restId(String key, Sku sku, int part) {
        // Neither a SKU nor a number holds a line break, so the last two part the key from them.
        return new ReservationId(UUID.nameUUIDFromBytes(("cartwright-stock-sold-rest\n" + key + "\n" + sku.value()
                + "\n" + part).getBytes(UTF_8)));
    }

    /** The id of the record of return {@code returnId} of {@code sku} under {@code key}. */
    static ReservationId returnRecordId(String key, String returnId, Sku sku) {
        // The key's length tells where it ends, as key and return id may both hold line breaks.
        return new ReservationId(UUID.nameUUIDFromBytes(("cartwright-stock-return\n" + key.length() + "\n" + key
                + "\n" + returnId + "\n" + sku.value()).getBytes(UTF_8)));
    }

    static CommerceException returnIdUsedForOther(String key, String returnId) {
        return new CommerceException(ErrorCode.CONFLICT, "returnId", "return " + returnId + " under key " + key
                + " already returned other units", null);
    }
}
