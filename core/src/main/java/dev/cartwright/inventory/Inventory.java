package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stock on hand and the reservations that checkouts hold on it. Thread-safe.
 *
 * <p>Every method validates its arguments before it touches the store and runs in one transaction;
 * a method that throws has changed nothing. Stock never goes below zero and is never reserved beyond
 * what is on hand, however many threads or processes share the store: each change is one guarded step
 * of the {@link StockRepository}. A reservation stops holding stock at its expiry, judged by the
 * injected clock whenever stock is read or changed.
 *
 * <p>A reservation or downward adjustment that takes a SKU's available units from above the
 * {@link LowStockThreshold} to at or below it publishes {@link StockLow} in its transaction; committing a
 * reservation leaves the available units as they were, so it publishes nothing.
 *
 * <p>Quantities per call are 1 to {@value #MAX_QUANTITY}; reservations last from one millisecond to
 * {@link #MAX_TTL}; {@link #reserveAll(Map, Duration)} takes at most {@value #MAX_LINES} SKUs.
 */
public final class Inventory {

    /** The most units one call may receive, adjust or reserve. */
    public static final long MAX_QUANTITY = 1_000_000_000L;
    /** The longest a reservation may last. */
    public static final Duration MAX_TTL = Duration.ofDays(30);
    /** The most SKUs one {@link #reserveAll(Map, Duration)} may reserve. */
    public static final int MAX_LINES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(Inventory.class);

    private final UnitOfWork<InventoryRepositories> transactions;
    private final Clock clock;
    private final IdGenerator ids;
    private final LowStockThreshold lowStock;
    private final Runnable afterCommit;

    /**
     * Inventory with the {@link LowStockThreshold#DEFAULT} threshold, whose events wait in the outbox until
     * something delivers them.
     *
     * @param transactions the transactions to run in
     * @param clock the time source for reservation expiry
     * @param ids the source of reservation ids
     */
    public Inventory(UnitOfWork<InventoryRepositories> transactions, Clock clock, IdGenerator ids) {
        this(transactions, clock, ids, LowStockThreshold.DEFAULT, () -> { });
    }

    /**
     * @param transactions the transactions to run in
     * @param clock the time source for reservation expiry
     * @param ids the source of reservation ids
     * @param lowStock when to publish {@link StockLow}
     * @param afterCommit run after each call that committed a change, to deliver the events it published
     *     (such as {@link dev.cartwright.event.EventDelivery#deliver()}); its failures are logged, never thrown
     */
    public Inventory(UnitOfWork<InventoryRepositories> transactions, Clock clock, IdGenerator ids,
            LowStockThreshold lowStock, Runnable afterCommit) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.clock = Validate.notNull(clock, "clock");
        this.ids = Validate.notNull(ids, "ids");
        this.lowStock = Validate.notNull(lowStock, "lowStock");
        this.afterCommit = Validate.notNull(afterCommit, "afterCommit");
    }

    /**
     * Adds received units (a delivery, a found carton) to the stock on hand. Units that were sold and come
     * back are {@link #returnSold(Sku, long)}, which also takes them off the sold count.
     *
     * @param sku the product's SKU
     * @param quantity the units received, 1 to {@value #MAX_QUANTITY}
     * @return the level after
     * @throws CommerceException {@code VALIDATION} on {@code sku} or {@code quantity}; {@code NOT_FOUND}
     *     if no product has the SKU
     */
    public StockLevel receive(Sku sku, long quantity) {
        Validate.notNull(sku, "sku");
        Validate.between(quantity, "quantity", 1, MAX_QUANTITY);
        return transactions.inTransaction(repositories -> {
            requireProduct(repositories, sku);
            Instant now = clock.instant();
            repositories.stock().receive(sku, quantity);
            return level(repositories, sku, now);
        });
    }

    /**
     * Puts units that were sold back on hand, such as a customer's return of goods fit to sell again: the
     * SKU's sold units drop by {@code quantity} and its units on hand (and available) rise by as many, so
     * received plus adjusted units still equal available, reserved and sold together. Goods that come back
     * unfit to sell are not returned here (or are returned and then {@link #adjust adjusted} away).
     *
     * @param sku the product's SKU
     * @param quantity the units returned, 1 to {@value #MAX_QUANTITY}
     * @return the level after
     * @throws CommerceException {@code VALIDATION} on {@code sku} or {@code quantity}; {@code NOT_FOUND}
     *     if no product has the SKU; {@link ReturnExceedsSoldException} ({@code INSUFFICIENT_STOCK} on
     *     {@code quantity}) if the SKU has sold fewer units, and then nothing changed
     */
    public StockLevel returnSold(Sku sku, long quantity) {
        Validate.notNull(sku, "sku");
        Validate.between(quantity, "quantity", 1, MAX_QUANTITY);
        return transactions.inTransaction(repositories -> {
            requireProduct(repositories, sku);
            Instant now = clock.instant();
            repositories.stock().returnSold(sku, quantity);
            return level(repositories, sku, now);
        });
    }

    /**
     * Corrects the units on hand after a count (breakage, shrinkage, a miscount), up or down.
     *
     * @param sku the product's SKU
     * @param delta the correction, non-zero, at most {@value #MAX_QUANTITY} either way
     * @return the level after
     * @throws CommerceException {@code VALIDATION} on {@code sku} or {@code delta}; {@code NOT_FOUND}
     *     if no product has the SKU; {@link InsufficientStockException} if it would leave fewer units on
     *     hand than live reservations hold (or fewer than zero)
     */
    public StockLevel adjust(Sku sku, long delta) {
        Validate.notNull(sku, "sku");
        Validate.between(delta, "delta", -MAX_QUANTITY, MAX_QUANTITY);
        if (delta == 0) {
            throw CommerceException.invalid("delta", "must not be zero");
        }
        return published(transactions.inTransaction(repositories -> {
            requireProduct(repositories, sku);
            Instant now = clock.instant();
            if (!repositories.stock().tryAdjust(sku, delta, now)) {
                throw new InsufficientStockException(sku, -delta, level(repositories, sku, now).available());
            }
            lowStock.publishIfCrossed(repositories, sku, -delta, now);
            return level(repositories, sku, now);
        }));
    }

    /**
     * Holds units of one SKU for {@code ttl}, if that many are available.
     *
     * @param sku the product's SKU
     * @param quantity the units, 1 to {@value #MAX_QUANTITY}
     * @param ttl how long the hold lasts, more than zero and at most {@link #MAX_TTL}
     * @return the live reservation
     * @throws CommerceException {@code VALIDATION} on {@code sku}, {@code quantity} or {@code ttl};
     *     {@code NOT_FOUND} if no product has the SKU; {@link InsufficientStockException} if fewer units
     *     are available
     */
    public Reservation reserve(Sku sku, long quantity, Duration ttl) {
        return reserveAll(Map.of(Validate.notNull(sku, "sku"), quantity), ttl).get(0);
    }

    /**
     * Holds units of several SKUs for {@code ttl}, all or nothing: if any SKU is short, nothing is
     * reserved. SKUs are reserved in SKU order, so concurrent calls lock rows in one order.
     *
     * @param lines the units to reserve by SKU, 1 to {@value #MAX_LINES} SKUs of 1 to
     *     {@value #MAX_QUANTITY} units
     * @param ttl how long the holds last, more than zero and at most {@link #MAX_TTL}
     * @return one live reservation per SKU, in SKU order
     * @throws CommerceException {@code VALIDATION} on {@code lines}, {@code quantity} or {@code ttl};
     *     {@code NOT_FOUND} if a SKU names no product; {@link InsufficientStockException} naming the
     *     first SKU that is short
     */
    public List<Reservation> reserveAll(Map<Sku, Long> lines, Duration ttl) {
        Validate.notNull(lines, "lines");
        if (lines.isEmpty()) {
            throw CommerceException.invalid("lines", "must not be empty");
        }
        if (lines.size() > MAX_LINES) {
            throw CommerceException.invalid("lines", "must be at most " + MAX_LINES);
        }
        Map<Sku, Long> sorted = new TreeMap<>();
        for (Map.Entry<Sku, Long> line : lines.entrySet()) {
            Validate.notNull(line.getKey(), "sku");
            Validate.notNull(line.getValue(), "quantity");
            sorted.put(line.getKey(), Validate.between(line.getValue(), "quantity", 1, MAX_QUANTITY));
        }
        validateTtl(ttl);
        return published(transactions.inTransaction(repositories -> {
            Instant now = clock.instant();
            List<Reservation> reservations = new ArrayList<>(sorted.size());
            for (Map.Entry<Sku, Long> line : sorted.entrySet()) {
                reservations.add(new Reservation(
                        new ReservationId(ids.next()), line.getKey(), line.getValue(), now.plus(ttl), now));
            }
            ReservationAttempt attempt = repositories.stock().tryReserveAll(reservations, now);
            if (!attempt.recorded()) {
                InsufficientStockException shortage = InsufficientStockException.firstShort(reservations, attempt);
                requireProduct(repositories, shortage.sku());
                throw shortage;
            }
            lowStock.publishCrossings(repositories, reservations, attempt, now);
            return List.copyOf(reservations);
        }));
    }

    /**
     * Gives a reservation's units back. Releasing a released or expired reservation does nothing.
     *
     * @param id the reservation
     * @throws CommerceException {@code VALIDATION} if {@code id} is null; {@code NOT_FOUND} if there is
     *     no such reservation; {@code CONFLICT} if it was committed (sold units come back by
     *     {@link #returnSold(Sku, long)})
     */
    public void release(ReservationId id) {
        Validate.notNull(id, "reservationId");
        transactions.inTransaction(repositories -> {
            StockRepository stock = repositories.stock();
            if (!stock.tryRelease(id)) {
                ReservationStatus status = status(stock, id, clock.instant());
                if (status == ReservationStatus.COMMITTED) {
                    throw CommerceException.conflict("reservation " + id + " is committed");
                }
            }
            return null;
        });
    }

    /**
     * Sells a live reservation: its units leave on hand and count as sold. Committing a committed
     * reservation does nothing, so a retried checkout is harmless.
     *
     * @param id the reservation
     * @throws CommerceException {@code VALIDATION} if {@code id} is null; {@code NOT_FOUND} if there is
     *     no such reservation; {@code CONFLICT} if it expired or was released
     */
    public void commit(ReservationId id) {
        Validate.notNull(id, "reservationId");
        transactions.inTransaction(repositories -> {
            StockRepository stock = repositories.stock();
            Instant now = clock.instant();
            if (!stock.tryCommit(id, now)) {
                ReservationStatus status = status(stock, id, now);
                if (status != ReservationStatus.COMMITTED) {
                    throw CommerceException.conflict("reservation " + id + " is " + status.name().toLowerCase(Locale.ROOT));
                }
            }
            return null;
        });
    }

    /**
     * @param sku the product's SKU
     * @return its stock now; all zeros if it was never stocked
     * @throws CommerceException {@code VALIDATION} if {@code sku} is null; {@code NOT_FOUND} if no
     *     product has the SKU
     */
    public StockLevel level(Sku sku) {
        Validate.notNull(sku, "sku");
        return transactions.read(repositories -> {
            Optional<StockLevel> level = repositories.stock().level(sku, clock.instant());
            if (level.isPresent()) {
                return level.get();
            }
            requireProduct(repositories, sku);
            return StockLevel.empty(sku);
        });
    }

    /**
     * Reads several levels at once, such as for a cart's lines. Does not check that the SKUs name
     * products.
     *
     * @param skus the SKUs
     * @return a level for every SKU asked for; all zeros for those never stocked
     * @throws CommerceException {@code VALIDATION} if {@code skus} is null or holds null
     */
    public Map<Sku, StockLevel> levels(Collection<Sku> skus) {
        Validate.noNulls(skus, "skus");
        List<Sku> copy = List.copyOf(skus);
        Map<Sku, StockLevel> found = transactions.read(
                repositories -> repositories.stock().levels(copy, clock.instant()));
        Map<Sku, StockLevel> levels = new HashMap<>();
        for (Sku sku : copy) {
            levels.put(sku, found.getOrDefault(sku, StockLevel.empty(sku)));
        }
        return Map.copyOf(levels);
    }

    /**
     * @param id the reservation
     * @return the reservation, whatever its status
     * @throws CommerceException {@code VALIDATION} if {@code id} is null; {@code NOT_FOUND} if there is
     *     no such reservation
     */
    public Reservation reservation(ReservationId id) {
        Validate.notNull(id, "reservationId");
        return transactions.read(repositories -> repositories.stock().findReservation(id))
                .orElseThrow(() -> CommerceException.notFound("reservation", id));
    }

    /**
     * @param id the reservation
     * @return where it stands now, by the injected clock
     * @throws CommerceException {@code VALIDATION} if {@code id} is null; {@code NOT_FOUND} if there is
     *     no such reservation
     */
    public ReservationStatus status(ReservationId id) {
        Validate.notNull(id, "reservationId");
        return transactions.read(repositories -> status(repositories.stock(), id, clock.instant()));
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

    private static ReservationStatus status(StockRepository stock, ReservationId id, Instant now) {
        return stock.status(id, now).orElseThrow(() -> CommerceException.notFound("reservation", id));
    }

    private static void requireProduct(InventoryRepositories repositories, Sku sku) {
        if (repositories.products().findBySku(sku).isEmpty()) {
            throw CommerceException.notFound("product", sku);
        }
    }

    private static StockLevel level(InventoryRepositories repositories, Sku sku, Instant now) {
        return repositories.stock().level(sku, now).orElse(StockLevel.empty(sku));
    }

    private static void validateTtl(Duration ttl) {
        Validate.notNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw CommerceException.invalid("ttl", "must be more than zero and at most " + MAX_TTL);
        }
    }
}
