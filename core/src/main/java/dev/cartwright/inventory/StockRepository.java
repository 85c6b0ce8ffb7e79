package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port through which inventory stores stock and reservations. Used only inside a transaction.
 *
 * <p>Every change is one intention-level step that checks and writes at once, so that SQL can do it
 * as a guarded statement (for example {@code UPDATE stock SET ... WHERE sku = ? AND on_hand - reserved >= ?})
 * instead of the service reading, deciding and writing back. A reservation holds stock while it is
 * stored as live and {@code now} is before its expiry; expiry is judged at the {@code now} each call
 * is given, so no sweeper is needed for correctness. Implementations may reclaim expired reservations
 * lazily; they may assume {@code now} does not go backwards.
 */
public interface StockRepository {

    /**
     * @param sku the SKU
     * @param now the instant that decides which reservations are live
     * @return its level, or empty if it was never stocked
     */
    Optional<StockLevel> level(Sku sku, Instant now);

    /**
     * Loads several levels in one round trip.
     *
     * @param skus the SKUs
     * @param now the instant that decides which reservations are live
     * @return the levels of those ever stocked, by SKU
     */
    Map<Sku, StockLevel> levels(Collection<Sku> skus, Instant now);

    /**
     * Adds units on hand, creating the SKU's stock if it has none.
     *
     * @param sku the SKU
     * @param quantity the units received, at least one
     */
    void receive(Sku sku, long quantity);

    /**
     * Adds {@code delta} to the units on hand, if that leaves at least the units held by live
     * reservations (and so never below zero); creates the SKU's stock if it has none.
     *
     * @param sku the SKU
     * @param delta the correction, positive or negative
     * @param now the instant that decides which reservations are live
     * @return whether it was applied; {@code false} changes nothing
     */
    boolean tryAdjust(Sku sku, long delta, Instant now);

    /**
     * Records a live reservation, if its SKU has at least its quantity available at {@code now}.
     *
     * @param reservation the new reservation
     * @param now the instant that decides which reservations are live
     * @return whether it was recorded; {@code false} changes nothing
     */
    default boolean tryReserve(Reservation reservation, Instant now) {
        return tryReserveAll(List.of(reservation), now).recorded();
    }

    /**
     * Records several live reservations, all or none: only if every one's SKU has its quantity available at
     * {@code now}. Implementations lock the SKUs in SKU order, as every multi-SKU change does, so that
     * concurrent buyers of overlapping SKUs cannot deadlock; and they should need a fixed number of round
     * trips whatever the number of SKUs.
     *
     * @param reservations the new reservations, at most one per SKU
     * @param now the instant that decides which reservations are live
     * @return whether they were recorded, and each SKU's units available just before
     */
    ReservationAttempt tryReserveAll(List<Reservation> reservations, Instant now);

    /**
     * Sells units of several SKUs at once, without holding them in a reservation first, all or none: only if every
     * SKU has its quantity available at {@code now} (units on hand that no live reservation holds). The units
     * leave on hand and count as sold. Implementations take the SKUs in SKU order, as every multi-SKU change
     * does, and should need one round trip whatever the number of SKUs when every SKU has its units (more when
     * expired reservations must be reclaimed first).
     *
     * @param quantities the units to sell by SKU, each at least one
     * @param now the instant that decides which reservations are live
     * @return whether they were sold, and each stocked SKU's units available just before
     * @throws dev.cartwright.error.CommerceException {@code VALIDATION} (field {@code quantity}) if a quantity is
     *     below one
     */
    ReservationAttempt trySellAll(Map<Sku, Long> quantities, Instant now);

    /**
     * Sells a live reservation, if it is stored as live and unexpired at {@code now}: its units leave
     * on hand and count as sold, and it becomes {@link ReservationStatus#COMMITTED}.
     *
     * @param id the reservation
     * @param now the instant that decides whether it expired
     * @return whether it was committed; {@code false} changes nothing
     */
    default boolean tryCommit(ReservationId id, Instant now) {
        return tryCommitAll(List.of(id), now).contains(id);
    }

    /**
     * Sells several reservations, each as {@link #tryCommit} would, locking their SKUs in SKU order.
     *
     * @param ids the reservations
     * @param now the instant that decides whether each expired
     * @return the ones committed by this call; the others were left unchanged
     */
    Set<ReservationId> tryCommitAll(Collection<ReservationId> ids, Instant now);

    /**
     * Gives a reservation's units back, if it is stored as live (expired or not): it becomes
     * {@link ReservationStatus#RELEASED}.
     *
     * @param id the reservation
     * @return whether it was released; {@code false} changes nothing
     */
    boolean tryRelease(ReservationId id);

    /**
     * Undoes the sale of a committed reservation: its units go back on hand (its SKU's sold units drop by its
     * quantity and its units on hand rise by as many, as {@link #returnSoldAll} does), and it becomes
     * {@link ReservationStatus#RELEASED}. Implementations lock its SKU as {@link #tryRelease} does, so that two
     * callers cannot both return it.
     *
     * @param id the reservation
     * @return whether its units were returned; {@code false}, when it is not stored as
     *     {@link ReservationStatus#COMMITTED} (or not stored at all), changes nothing
     * @throws ReturnExceedsSoldException ({@code INSUFFICIENT_STOCK}, field {@code quantity}) if its SKU has
     *     fewer units sold than its quantity (some went back by {@link #returnSoldAll} already), and then nothing
     *     changed
     */
    boolean tryReturnCommitted(ReservationId id);

    /**
     * Puts sold units of one SKU back on hand, as the undoing of their sale (a cancelled order, a customer
     * return): its sold units drop by {@code quantity} and its units on hand rise by as many, so the sum of
     * the two, and so conservation, is unchanged. Use this rather than {@link #receive}, which would count
     * the units as both sold and received.
     *
     * @param sku the SKU
     * @param quantity the units returned, at least one
     * @throws dev.cartwright.error.CommerceException {@code INSUFFICIENT_STOCK} (field {@code quantity}) if
     *     the SKU has fewer units sold than {@code quantity}, and then nothing changed; {@code VALIDATION}
     *     (field {@code quantity}) if {@code quantity} is below one
     */
    default void returnSold(Sku sku, long quantity) {
        returnSoldAll(Map.of(sku, quantity));
    }

    /**
     * Puts sold units of several SKUs back on hand, each as {@link #returnSold} would, all or none: if any
     * SKU has fewer units sold than its quantity, nothing changes. Implementations lock the SKUs in SKU
     * order, as every multi-SKU change does, and should need a fixed number of round trips whatever the
     * number of SKUs. An empty map changes nothing.
     *
     * @param quantities the units returned by SKU, each at least one
     * @throws dev.cartwright.error.CommerceException {@code INSUFFICIENT_STOCK} (field {@code quantity})
     *     naming the first SKU, in SKU order, that has fewer units sold than its quantity, and then nothing
     *     changed; {@code VALIDATION} (field {@code quantity}) if a quantity is below one
     */
    void returnSoldAll(Map<Sku, Long> quantities);

    /**
     * @param id the reservation
     * @return the reservation, whatever its status
     */
    Optional<Reservation> findReservation(ReservationId id);

    /**
     * @param id the reservation
     * @param now the instant that decides whether a live reservation has expired
     * @return its status, or empty if there is no such reservation
     */
    Optional<ReservationStatus> status(ReservationId id, Instant now);
}
