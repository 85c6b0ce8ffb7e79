package dev.cartwright.inventory;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's own stock served as a {@link StockService}, in process: the holds are {@link Reservation}s of the
 * store's {@link StockRepository}, one per SKU, whose ids are derived from the key and the SKU. So the key is
 * recorded by the reservations themselves, a repeated call finds what an earlier one did, and two calls with one
 * key cannot both record a hold of one SKU. Thread-safe.
 *
 * <p>Each call validates its arguments, then runs in one transaction; a call that throws has changed nothing.
 * Holds count against available stock, lapse and publish {@link StockLow} as {@link Inventory}'s reservations do.
 * Because a key is found through its SKUs, a repeated {@link #reserve} compares only the SKUs it names: one that
 * names some of an earlier call's SKUs with their quantities, and no other, succeeds without holding more.
 *
 * <p>A return of part of a sale ({@link #returnSold}) is kept in parts, as {@link SaleParts} says; no column
 * records it.
 *
 * <p>A key is 1 to {@value #MAX_KEY_LENGTH} characters; quantities are 1 to {@value Inventory#MAX_QUANTITY} for
 * 1 to {@value Inventory#MAX_LINES} SKUs; a hold lasts until an instant after now and at most
 * {@link Inventory#MAX_TTL} from now.
 */
public final class StockHolds implements StockService {

    /** The longest key accepted. */
    public static final int MAX_KEY_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(StockHolds.class);

    private final UnitOfWork<InventoryRepositories> transactions;
    private final Clock clock;
    private final LowStockThreshold lowStock;
    private final Runnable afterCommit;

    /**
     * @param transactions the transactions to run in
     * @param clock the time source for holds' lapse
     * @param lowStock when to publish {@link StockLow}
     * @param afterCommit run after each call that committed, to deliver the events it published (such as
     *     {@link dev.cartwright.event.EventDelivery#deliver()}); its failures are logged, never thrown
     * @throws CommerceException {@code VALIDATION} if an argument is null
     */
    public StockHolds(UnitOfWork<InventoryRepositories> transactions, Clock clock, LowStockThreshold lowStock,
            Runnable afterCommit) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.clock = Validate.notNull(clock, "clock");
        this.lowStock = Validate.notNull(lowStock, "lowStock");
        this.afterCommit = Validate.notNull(afterCommit, "afterCommit");
    }

    /**
     * {@inheritDoc}
     *
     * @throws CommerceException {@code VALIDATION} on {@code key}, {@code quantities} (null, empty, more than
     *     {@value Inventory#MAX_LINES} SKUs), {@code sku}, {@code quantity} or {@code until} (not after now, or
     *     more than {@link Inventory#MAX_TTL} from now)
     */
    @Override
    public void reserve(String key, Map<Sku, Long> quantities, Instant until) {
        Validate.notBlank(key, "key", MAX_KEY_LENGTH);
        Map<Sku, Long> sorted = validated(quantities, "quantities");
        Validate.notNull(until, "until");
        Instant now = clock.instant();
        if (!until.isAfter(now) || until.isAfter(now.plus(Inventory.MAX_TTL))) {
            throw CommerceException.invalid("until", "must be after now and at most " + Inventory.MAX_TTL + " later");
        }
        List<Reservation> holds = new ArrayList<>(sorted.size());
        sorted.forEach((sku, quantity) -> holds.add(new Reservation(holdId(key, sku), sku, quantity, until, now)));
        Held found;
        try {
            found = published(transactions.inTransaction(repositories -> hold(repositories, key, holds, now)));
        } catch (CommerceException e) {
            if (e.code() != ErrorCode.CONFLICT || e.field().isPresent()) {
                throw e;
            }
            // A concurrent call with this key recorded a hold first and this one's collided with it. This
            // transaction is spoilt (PostgreSQL refuses every statement after a failed one): look in a new one.
            found = transactions.read(repositories -> held(repositories.stock(), holds));
            if (found == Held.NONE) {
                throw e;
            }
        }
        if (found == Held.PART) {
            // Read while a concurrent call's holds committed, statement by statement, they can look partly
            // recorded; once one of them shows, all of them do.
            found = transactions.read(repositories -> held(repositories.stock(), holds));
        }
        if (found == Held.OTHER || found == Held.PART) {
            throw keyHoldsOther(key);
        }
    }

    /** @return what the key held before; {@link Held#NONE} means this call recorded the holds */
    private Held hold(InventoryRepositories repositories, String key, List<Reservation> holds, Instant now) {
        StockRepository stock = repositories.stock();
        Held found = held(stock, holds);
        if (found != Held.NONE) {
            return found;
        }
        ReservationAttempt attempt = stock.tryReserveAll(holds, now);
        if (!attempt.recorded()) {
            // A concurrent call with this key may have taken the units while this one waited for the SKUs'
            // locks; it has committed by now, so what this reads is whole.
            found = held(stock, holds);
            if (found == Held.SAME) {
                return found;
            }
            if (found != Held.NONE) {
                throw keyHoldsOther(key);
            }
            throw InsufficientStockException.firstShort(holds, attempt);
        }
        lowStock.publishCrossings(repositories, holds, attempt, now);
        return Held.NONE;
    }

    /** What a key holds of the SKUs a reserve names. */
    private enum Held {
        /** None of them. */
        NONE,
        /** Every one, with the quantity asked for. */
        SAME,
        /** One with another quantity. */
        OTHER,
        /** Some of them, with the quantities asked for, and not the others. */
        PART
    }

    private static Held held(StockRepository stock, List<Reservation> holds) {
        int found = 0;
        for (Reservation hold : holds) {
            Optional<Reservation> stored = stock.findReservation(hold.id());
            if (stored.isPresent()) {
                if (stored.get().quantity() != hold.quantity()) {
                    return Held.OTHER;
                }
                found++;
            }
        }
        return found == 0 ? Held.NONE : found == holds.size() ? Held.SAME : Held.PART;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The {@link InsufficientStockException} of a hold that lapsed or was given back asks for the hold's
     * quantity and reports none available: the hold has none of its units left.
     *
     * @throws CommerceException {@code VALIDATION} on {@code key} or {@code skus} (null, empty, holding null, more
     *     than {@value Inventory#MAX_LINES})
     */
    @Override
    public void confirm(String key, Collection<Sku> skus) {
        Validate.notBlank(key, "key", MAX_KEY_LENGTH);
        SortedSet<Sku> sorted = validated(skus);
        published(transactions.inTransaction(repositories -> sell(repositories.stock(), key, sorted)));
    }

    private Void sell(StockRepository stock, String key, SortedSet<Sku> skus) {
        Instant now = clock.instant();
        Map<Sku, ReservationStatus> statuses = new TreeMap<>();
        for (Sku sku : skus) {
            SaleParts.latest(stock, key, sku, now).ifPresent(sale -> statuses.put(sku, sale.status()));
        }
        if (statuses.isEmpty()) {
            throw new CommerceException(ErrorCode.NOT_FOUND, "key", "no stock is held under key " + key, null);
        }
        if (statuses.size() < skus.size()) {
            Sku missing = skus.stream().filter(sku -> !statuses.containsKey(sku)).findFirst().orElseThrow();
            throw new CommerceException(ErrorCode.NOT_FOUND, "skus", "key " + key + " holds no " + missing, null);
        }
        List<ReservationId> live = new ArrayList<>();
        for (Map.Entry<Sku, ReservationStatus> entry : statuses.entrySet()) {
            switch (entry.getValue()) {
                case LIVE -> live.add(holdId(key, entry.getKey()));
                case EXPIRED, RELEASED -> throw lapsed(stock, key, entry.getKey());
                case COMMITTED -> { }
            }
        }
        if (live.isEmpty()) {
            return null;
        }
        Set<ReservationId> committed = stock.tryCommitAll(live, now);
        if (committed.size() < live.size()) {
            // A concurrent call sold or gave back a hold while this one waited for the SKUs' locks: sold is
            // what this call asks for, given back is not, and throwing undoes what this call sold.
            for (Sku sku : statuses.keySet()) {
                ReservationId id = holdId(key, sku);
                if (live.contains(id) && !committed.contains(id)
                        && stock.status(id, now).orElseThrow() != ReservationStatus.COMMITTED) {
                    throw lapsed(stock, key, sku);
                }
            }
        }
        return null;
    }

    private static InsufficientStockException lapsed(StockRepository stock, String key, Sku sku) {
        return new InsufficientStockException(sku, stock.findReservation(holdId(key, sku)).orElseThrow().quantity(), 0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws CommerceException {@code VALIDATION} on {@code key} or {@code skus} (null, empty, holding null, more
     *     than {@value Inventory#MAX_LINES})
     */
    @Override
    public void release(String key, Collection<Sku> skus) {
        Validate.notBlank(key, "key", MAX_KEY_LENGTH);
        SortedSet<Sku> sorted = validated(skus);
        published(transactions.inTransaction(repositories -> {
            StockRepository stock = repositories.stock();
            Instant now = clock.instant();
            for (Sku sku : sorted) {
                SaleParts.giveBack(stock, key, sku, now);
            }
            return null;
        }));
    }

    /**
     * {@inheritDoc}
     *
     * @throws CommerceException {@code VALIDATION} on {@code key}, {@code returnId}, {@code units} (null, empty,
     *     more than {@value Inventory#MAX_LINES} SKUs), {@code sku} or {@code quantity} (below one or above
     *     {@value Inventory#MAX_QUANTITY})
     */
    @Override
    public void returnSold(String key, String returnId, Map<Sku, Long> units) {
        Validate.notBlank(key, "key", MAX_KEY_LENGTH);
        Validate.notBlank(returnId, "returnId", MAX_KEY_LENGTH);
        Map<Sku, Long> sorted = validated(units, "units");
        published(transactions.inTransaction(repositories -> {
            StockRepository stock = repositories.stock();
            Instant now = clock.instant();
            Set<SaleParts.Returned> outcomes = EnumSet.noneOf(SaleParts.Returned.class);
            sorted.forEach((sku, quantity) -> outcomes.add(SaleParts.returnPart(stock, key, returnId, sku, quantity,
                    now)));
            if (outcomes.size() > 1) {
                throw SaleParts.returnIdUsedForOther(key, returnId);
            }
            return null;
        }));
    }

    /** The id of the hold of {@code sku} under {@code key}: the same for every call, in every process. */
    static ReservationId holdId(String key, Sku sku) {
        // A SKU never holds a line break, so the last one parts key from SKU and no two pairs share a name.
        return new ReservationId(UUID.nameUUIDFromBytes(("cartwright-stock-hold\n" + key + "\n" + sku.value())
                .getBytes(UTF_8)));
    }

    private static CommerceException keyHoldsOther(String key) {
        return new CommerceException(ErrorCode.CONFLICT, "key", "key " + key + " already holds other quantities",
                null);
    }

    private static Map<Sku, Long> validated(Map<Sku, Long> quantities, String field) {
        Validate.notNull(quantities, field);
        if (quantities.isEmpty()) {
            throw CommerceException.invalid(field, "must not be empty");
        }
        if (quantities.size() > Inventory.MAX_LINES) {
            throw CommerceException.invalid(field, "must name at most " + Inventory.MAX_LINES + " SKUs");
        }
        Map<Sku, Long> sorted = new TreeMap<>();
        for (Map.Entry<Sku, Long> entry : quantities.entrySet()) {
            Validate.notNull(entry.getKey(), "sku");
            Validate.notNull(entry.getValue(), "quantity");
            sorted.put(entry.getKey(), Validate.between(entry.getValue(), "quantity", 1, Inventory.MAX_QUANTITY));
        }
        return sorted;
    }

    private static SortedSet<Sku> validated(Collection<Sku> skus) {
        Validate.noNulls(skus, "skus");
        SortedSet<Sku> sorted = new TreeSet<>(skus);
        if (sorted.isEmpty()) {
            throw CommerceException.invalid("skus", "must not be empty");
        }
        if (sorted.size() > Inventory.MAX_LINES) {
            throw CommerceException.invalid("skus", "must name at most " + Inventory.MAX_LINES + " SKUs");
        }
        return sorted;
    }

    /** Offers the events just committed to the listeners; their failures never fail the caller's call. */
    private <T> T published(T result) {
        try {
            afterCommit.run();
        } catch (RuntimeException e) {
            LOG.warn("event delivery failed; the events stay in the outbox for the next attempt", e);
        }
        return result;
    }
}
