package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.Inventory;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationAttempt;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.inventory.ReservationStatus;
import dev.cartwright.inventory.ReturnExceedsSoldException;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The behaviour of {@link Inventory} and its {@code StockRepository}, on any store. */
public abstract class InventoryContract extends StoreContract {

    /** SKUs the tests create products for; {@link #UNKNOWN} names none. */
    protected static final Sku MUG = Sku.of("MUG-1");
    protected static final Sku PAN = Sku.of("PAN-1");
    protected static final Sku UNKNOWN = Sku.of("NO-SUCH-SKU");
    /** The reservation lifetime of tests that do not care. */
    protected static final Duration TTL = Duration.ofMinutes(15);

    /** @return the inventory under test */
    protected Inventory inventory() {
        return commerce.inventory();
    }

    /** Creates a catalog product with this SKU, so inventory accepts it. */
    protected void product(Sku sku) {
        commerce.catalog().create(NewProduct.of(sku.value(), "Product " + sku, Money.of("1.00", "EUR")));
    }

    /** @return the level with {@code available} computed */
    protected static StockLevel level(Sku sku, long onHand, long reserved, long sold) {
        return StockLevel.of(sku, onHand, reserved, sold);
    }

    /** Asserts that {@code action} throws a {@link CommerceException} with this code and field ({@code null}: none). */
    protected static CommerceException assertFails(Runnable action, ErrorCode code, String field) {
        CommerceException failure = catchThrowableOfType(CommerceException.class, action::run);
        assertThat(failure).as("expected %s on %s", code, field).isNotNull();
        assertThat(failure.code()).as(failure.toString()).isEqualTo(code);
        assertThat(failure.field()).as(failure.toString()).isEqualTo(Optional.ofNullable(field));
        return failure;
    }

    /** Asserts that {@code action} fails with {@code VALIDATION} naming {@code field}. */
    protected static void assertInvalid(Supplier<?> action, String field) {
        assertFails(action::get, ErrorCode.VALIDATION, field);
    }

    /** Asserts that {@code action} fails with an {@link InsufficientStockException} with these details. */
    protected static InsufficientStockException assertInsufficient(Runnable action, Sku sku, long requested, long available) {
        CommerceException failure = assertFails(action, ErrorCode.INSUFFICIENT_STOCK, "sku");
        assertThat(failure).isInstanceOf(InsufficientStockException.class);
        InsufficientStockException shortage = (InsufficientStockException) failure;
        assertThat(shortage.sku()).isEqualTo(sku);
        assertThat(shortage.requested()).isEqualTo(requested);
        assertThat(shortage.available()).isEqualTo(available);
        return shortage;
    }

    // ---- receive, level ----

    @Test
    void aProductNeverStockedHasZeroStock() {
        product(MUG);
        assertThat(inventory().level(MUG)).isEqualTo(StockLevel.empty(MUG));
        assertThat(inventory().level(MUG)).isEqualTo(new StockLevel(MUG, 0, 0, 0, 0));
    }

    @Test
    void receiveAddsToOnHandAndAvailable() {
        product(MUG);

        assertThat(inventory().receive(MUG, 10)).isEqualTo(level(MUG, 10, 0, 0));
        assertThat(inventory().receive(MUG, 5)).isEqualTo(level(MUG, 15, 0, 0));
        assertThat(inventory().level(MUG)).isEqualTo(new StockLevel(MUG, 15, 0, 15, 0));
    }

    @Test
    void stockOfOneSkuDoesNotTouchAnother() {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 10);
        inventory().reserve(MUG, 3, TTL);

        assertThat(inventory().level(PAN)).isEqualTo(StockLevel.empty(PAN));
        assertThat(inventory().levels(List.of(MUG, PAN)))
                .isEqualTo(Map.of(MUG, level(MUG, 10, 3, 0), PAN, StockLevel.empty(PAN)));
    }

    @Test
    void unknownSkusAreNotFound() {
        assertFails(() -> inventory().receive(UNKNOWN, 1), ErrorCode.NOT_FOUND, null);
        assertFails(() -> inventory().adjust(UNKNOWN, 1), ErrorCode.NOT_FOUND, null);
        assertFails(() -> inventory().reserve(UNKNOWN, 1, TTL), ErrorCode.NOT_FOUND, null);
        assertFails(() -> inventory().level(UNKNOWN), ErrorCode.NOT_FOUND, null);
        product(MUG);
        inventory().receive(MUG, 5);
        assertFails(() -> inventory().reserveAll(Map.of(MUG, 1L, UNKNOWN, 1L), TTL), ErrorCode.NOT_FOUND, null);
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 0, 0));
    }

    @Test
    void receiveValidatesItsArguments() {
        product(MUG);
        assertInvalid(() -> inventory().receive(null, 1), "sku");
        assertInvalid(() -> inventory().receive(MUG, 0), "quantity");
        assertInvalid(() -> inventory().receive(MUG, -1), "quantity");
        assertInvalid(() -> inventory().receive(MUG, Inventory.MAX_QUANTITY + 1), "quantity");
        assertThat(inventory().receive(MUG, Inventory.MAX_QUANTITY).onHand()).isEqualTo(Inventory.MAX_QUANTITY);
        assertInvalid(() -> inventory().level(null), "sku");
        assertInvalid(() -> inventory().levels(null), "skus");
    }

    // ---- adjust ----

    @Test
    void adjustCorrectsOnHandUpAndDown() {
        product(MUG);
        inventory().receive(MUG, 10);

        assertThat(inventory().adjust(MUG, -3)).isEqualTo(level(MUG, 7, 0, 0));
        assertThat(inventory().adjust(MUG, 2)).isEqualTo(level(MUG, 9, 0, 0));
        assertThat(inventory().adjust(MUG, -9)).isEqualTo(level(MUG, 0, 0, 0));
    }

    @Test
    void adjustUpOfAProductNeverStockedStartsItsStock() {
        product(MUG);
        assertThat(inventory().adjust(MUG, 4)).isEqualTo(level(MUG, 4, 0, 0));
    }

    @Test
    void adjustRefusesToGoBelowZeroAndChangesNothing() {
        product(MUG);
        assertInsufficient(() -> inventory().adjust(MUG, -1), MUG, 1, 0);
        inventory().receive(MUG, 3);

        assertInsufficient(() -> inventory().adjust(MUG, -4), MUG, 4, 3);

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 3, 0, 0));
    }

    @Test
    void adjustRefusesToGoBelowLiveReservationsUntilTheyExpire() {
        product(MUG);
        inventory().receive(MUG, 10);
        inventory().reserve(MUG, 6, TTL);

        assertInsufficient(() -> inventory().adjust(MUG, -5), MUG, 5, 4);
        assertThat(inventory().adjust(MUG, -4)).isEqualTo(level(MUG, 6, 6, 0));

        clock.advance(TTL);
        assertThat(inventory().adjust(MUG, -6)).isEqualTo(level(MUG, 0, 0, 0));
    }

    @Test
    void adjustValidatesItsArguments() {
        product(MUG);
        assertInvalid(() -> inventory().adjust(null, 1), "sku");
        assertInvalid(() -> inventory().adjust(MUG, 0), "delta");
        assertInvalid(() -> inventory().adjust(MUG, Inventory.MAX_QUANTITY + 1), "delta");
        assertInvalid(() -> inventory().adjust(MUG, -Inventory.MAX_QUANTITY - 1), "delta");
        assertInvalid(() -> inventory().adjust(MUG, Long.MIN_VALUE), "delta");
    }

    // ---- reserve ----

    @Test
    void reserveHoldsUnitsUntilTheTtlEnds() {
        product(MUG);
        inventory().receive(MUG, 10);

        Reservation reservation = inventory().reserve(MUG, 4, TTL);

        assertThat(reservation.sku()).isEqualTo(MUG);
        assertThat(reservation.quantity()).isEqualTo(4);
        assertThat(reservation.createdAt()).isEqualTo(START);
        assertThat(reservation.expiresAt()).isEqualTo(START.plus(TTL));
        assertThat(inventory().reservation(reservation.id())).isEqualTo(reservation);
        assertThat(inventory().status(reservation.id())).isEqualTo(ReservationStatus.LIVE);
        assertThat(inventory().level(MUG)).isEqualTo(new StockLevel(MUG, 10, 4, 6, 0));

        clock.advance(TTL.minusMillis(1));
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 10, 4, 0));
        clock.advance(Duration.ofMillis(1));
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 10, 0, 0));
        assertThat(inventory().status(reservation.id())).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void reserveRefusesMoreThanAvailableAndChangesNothing() {
        product(MUG);
        assertInsufficient(() -> inventory().reserve(MUG, 1, TTL), MUG, 1, 0);
        inventory().receive(MUG, 5);
        inventory().reserve(MUG, 3, TTL);

        assertInsufficient(() -> inventory().reserve(MUG, 3, TTL), MUG, 3, 2);

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 3, 0));
        assertThat(inventory().reserve(MUG, 2, TTL).quantity()).isEqualTo(2);
        assertThat(inventory().level(MUG)).isEqualTo(new StockLevel(MUG, 5, 5, 0, 0));
    }

    @Test
    void expiredReservationsFreeTheirUnitsForOthers() {
        product(MUG);
        inventory().receive(MUG, 5);
        Reservation first = inventory().reserve(MUG, 5, TTL);
        assertInsufficient(() -> inventory().reserve(MUG, 1, TTL), MUG, 1, 0);

        clock.advance(TTL);
        Reservation second = inventory().reserve(MUG, 5, TTL);

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 5, 0));
        assertThat(inventory().status(first.id())).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(inventory().status(second.id())).isEqualTo(ReservationStatus.LIVE);
        assertFails(() -> inventory().commit(first.id()), ErrorCode.CONFLICT, null);
        inventory().commit(second.id());
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 0, 0, 5));
    }

    @Test
    void reserveValidatesItsArguments() {
        product(MUG);
        inventory().receive(MUG, 5);
        assertInvalid(() -> inventory().reserve(null, 1, TTL), "sku");
        assertInvalid(() -> inventory().reserve(MUG, 0, TTL), "quantity");
        assertInvalid(() -> inventory().reserve(MUG, -2, TTL), "quantity");
        assertInvalid(() -> inventory().reserve(MUG, Inventory.MAX_QUANTITY + 1, TTL), "quantity");
        assertInvalid(() -> inventory().reserve(MUG, 1, null), "ttl");
        assertInvalid(() -> inventory().reserve(MUG, 1, Duration.ZERO), "ttl");
        assertInvalid(() -> inventory().reserve(MUG, 1, Duration.ofSeconds(-1)), "ttl");
        assertInvalid(() -> inventory().reserve(MUG, 1, Inventory.MAX_TTL.plusNanos(1)), "ttl");
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 0, 0));
        assertThat(inventory().reserve(MUG, 1, Inventory.MAX_TTL).expiresAt()).isEqualTo(START.plus(Inventory.MAX_TTL));
    }

    // ---- reserveAll ----

    @Test
    void reserveAllReservesEveryLineInSkuOrder() {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 5);
        inventory().receive(PAN, 5);
        Map<Sku, Long> lines = new LinkedHashMap<>();
        lines.put(PAN, 2L);
        lines.put(MUG, 3L);

        List<Reservation> reservations = inventory().reserveAll(lines, TTL);

        assertThat(reservations).extracting(Reservation::sku).containsExactly(MUG, PAN);
        assertThat(reservations).extracting(Reservation::quantity).containsExactly(3L, 2L);
        assertThat(reservations).extracting(Reservation::expiresAt).containsOnly(START.plus(TTL));
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 3, 0));
        assertThat(inventory().level(PAN)).isEqualTo(level(PAN, 5, 2, 0));
    }

    @Test
    void reserveAllIsAllOrNothing() {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 5);
        inventory().receive(PAN, 1);

        assertInsufficient(() -> inventory().reserveAll(Map.of(MUG, 5L, PAN, 2L), TTL), PAN, 2, 1);

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 0, 0));
        assertThat(inventory().level(PAN)).isEqualTo(level(PAN, 1, 0, 0));
        assertThat(inventory().reserveAll(Map.of(MUG, 5L, PAN, 1L), TTL)).hasSize(2);
    }

    @Test
    void reserveAllValidatesItsArguments() {
        product(MUG);
        inventory().receive(MUG, 5);
        assertInvalid(() -> inventory().reserveAll(null, TTL), "lines");
        assertInvalid(() -> inventory().reserveAll(Map.of(), TTL), "lines");
        assertInvalid(() -> inventory().reserveAll(Map.of(MUG, 0L), TTL), "quantity");
        assertInvalid(() -> inventory().reserveAll(Map.of(MUG, 1L), Duration.ZERO), "ttl");
        Map<Sku, Long> nullQuantity = new HashMap<>();
        nullQuantity.put(MUG, null);
        assertInvalid(() -> inventory().reserveAll(nullQuantity, TTL), "quantity");
        Map<Sku, Long> nullSku = new HashMap<>();
        nullSku.put(null, 1L);
        assertInvalid(() -> inventory().reserveAll(nullSku, TTL), "sku");
        Map<Sku, Long> tooMany = new HashMap<>();
        for (int i = 0; i <= Inventory.MAX_LINES; i++) {
            tooMany.put(Sku.of("S-" + i), 1L);
        }
        assertInvalid(() -> inventory().reserveAll(tooMany, TTL), "lines");
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 0, 0));
    }

    @Test
    void reserveAllTakesUpToMaxLinesSkus() {
        Map<Sku, Long> lines = new HashMap<>();
        for (int i = 0; i < Inventory.MAX_LINES; i++) {
            Sku sku = Sku.of("S-" + i);
            product(sku);
            inventory().receive(sku, 1);
            lines.put(sku, 1L);
        }

        assertThat(inventory().reserveAll(lines, TTL)).hasSize(Inventory.MAX_LINES);
        assertThat(inventory().level(Sku.of("S-0"))).isEqualTo(level(Sku.of("S-0"), 1, 1, 0));
    }

    @Test
    void theSingleReservationPortMethodsRecordOnlyWhatFits() {
        product(MUG);
        inventory().receive(MUG, 3);
        Reservation fits = new Reservation(new ReservationId(UUID.randomUUID()), MUG, 3, START.plus(TTL), START);
        Reservation tooMany = new Reservation(new ReservationId(UUID.randomUUID()), MUG, 1, START.plus(TTL), START);

        boolean reserved = store.inTransaction(transaction -> transaction.stock().tryReserve(fits, clock.instant()));
        boolean overReserved = store.inTransaction(transaction -> transaction.stock().tryReserve(tooMany, clock.instant()));
        boolean committed = store.inTransaction(transaction -> transaction.stock().tryCommit(fits.id(), clock.instant()));
        boolean recommitted = store.inTransaction(transaction -> transaction.stock().tryCommit(fits.id(), clock.instant()));

        assertThat(List.of(reserved, overReserved, committed, recommitted)).containsExactly(true, false, true, false);
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 0, 0, 3));
    }

    // ---- release ----

    @Test
    void releaseGivesUnitsBackAndIsIdempotent() {
        product(MUG);
        inventory().receive(MUG, 5);
        Reservation reservation = inventory().reserve(MUG, 4, TTL);

        inventory().release(reservation.id());
        inventory().release(reservation.id());

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 0, 0));
        assertThat(inventory().status(reservation.id())).isEqualTo(ReservationStatus.RELEASED);
        clock.advance(TTL);
        assertThat(inventory().status(reservation.id())).isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void releasingAnExpiredReservationIsHarmless() {
        product(MUG);
        inventory().receive(MUG, 5);
        Reservation reservation = inventory().reserve(MUG, 4, TTL);
        clock.advance(TTL.plusSeconds(1));
        Reservation other = inventory().reserve(MUG, 5, TTL);

        inventory().release(reservation.id());

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 5, 0));
        assertThat(inventory().status(reservation.id())).isEqualTo(ReservationStatus.RELEASED);
        assertThat(inventory().status(other.id())).isEqualTo(ReservationStatus.LIVE);
    }

    @Test
    void releasingACommittedReservationIsAConflict() {
        product(MUG);
        inventory().receive(MUG, 5);
        Reservation reservation = inventory().reserve(MUG, 4, TTL);
        inventory().commit(reservation.id());

        assertFails(() -> inventory().release(reservation.id()), ErrorCode.CONFLICT, null);

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 1, 0, 4));
        assertThat(inventory().status(reservation.id())).isEqualTo(ReservationStatus.COMMITTED);
    }

    @Test
    void unknownReservationsAreNotFound() {
        ReservationId unknown = new ReservationId(UUID.randomUUID());
        assertFails(() -> inventory().release(unknown), ErrorCode.NOT_FOUND, null);
        assertFails(() -> inventory().commit(unknown), ErrorCode.NOT_FOUND, null);
        assertFails(() -> inventory().status(unknown), ErrorCode.NOT_FOUND, null);
        assertFails(() -> inventory().reservation(unknown), ErrorCode.NOT_FOUND, null);
        assertInvalid(() -> {
            inventory().release(null);
            return null;
        }, "reservationId");
        assertInvalid(() -> {
            inventory().commit(null);
            return null;
        }, "reservationId");
        assertInvalid(() -> inventory().status(null), "reservationId");
        assertInvalid(() -> inventory().reservation(null), "reservationId");
    }

    // ---- commit ----

    @Test
    void commitTurnsReservedUnitsIntoSoldAndIsIdempotent() {
        product(MUG);
        inventory().receive(MUG, 10);
        Reservation reservation = inventory().reserve(MUG, 4, TTL);

        inventory().commit(reservation.id());
        inventory().commit(reservation.id());

        assertThat(inventory().level(MUG)).isEqualTo(new StockLevel(MUG, 6, 0, 6, 4));
        assertThat(inventory().status(reservation.id())).isEqualTo(ReservationStatus.COMMITTED);
        clock.advance(TTL.multipliedBy(2));
        assertThat(inventory().status(reservation.id())).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 6, 0, 4));
        inventory().commit(reservation.id());
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 6, 0, 4));
    }

    @Test
    void committingAReleasedOrExpiredReservationIsAConflictAndChangesNothing() {
        product(MUG);
        inventory().receive(MUG, 10);
        Reservation released = inventory().reserve(MUG, 2, TTL);
        inventory().release(released.id());
        Reservation expiring = inventory().reserve(MUG, 3, TTL);
        clock.advance(TTL);

        assertFails(() -> inventory().commit(released.id()), ErrorCode.CONFLICT, null);
        assertFails(() -> inventory().commit(expiring.id()), ErrorCode.CONFLICT, null);

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 10, 0, 0));
        assertThat(inventory().status(released.id())).isEqualTo(ReservationStatus.RELEASED);
        assertThat(inventory().status(expiring.id())).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void soldUnitsCannotBeAdjustedAwayButReturnsCanBeReceived() {
        product(MUG);
        inventory().receive(MUG, 3);
        inventory().commit(inventory().reserve(MUG, 3, TTL).id());

        assertInsufficient(() -> inventory().adjust(MUG, -1), MUG, 1, 0);
        assertThat(inventory().receive(MUG, 1)).isEqualTo(level(MUG, 1, 0, 3));
    }

    // ---- returning sold units ----

    /** Sells {@code quantity} units of {@code sku}: reserves and commits them. */
    protected void sell(Sku sku, long quantity) {
        inventory().commit(inventory().reserve(sku, quantity, TTL).id());
    }

    /** Asserts that {@code action} is refused as a return of more units than {@code sku} sold. */
    protected static ReturnExceedsSoldException assertReturnRefused(Runnable action, Sku sku, long returned, long sold) {
        CommerceException failure = assertFails(action, ErrorCode.INSUFFICIENT_STOCK, "quantity");
        assertThat(failure).isInstanceOf(ReturnExceedsSoldException.class);
        ReturnExceedsSoldException refusal = (ReturnExceedsSoldException) failure;
        assertThat(refusal.sku()).isEqualTo(sku);
        assertThat(refusal.returned()).isEqualTo(returned);
        assertThat(refusal.sold()).isEqualTo(sold);
        return refusal;
    }

    private static void assertConserved(StockLevel level, long receivedAndAdjusted) {
        assertThat(level.available() + level.reserved() + level.sold()).as("conservation of " + level)
                .isEqualTo(receivedAndAdjusted);
    }

    @Test
    void returnSoldTakesUnitsOffSoldAndPutsThemBackOnHand() {
        product(MUG);
        inventory().receive(MUG, 10);
        sell(MUG, 4);
        inventory().reserve(MUG, 2, TTL);

        StockLevel after = inventory().returnSold(MUG, 3);

        assertThat(after).isEqualTo(new StockLevel(MUG, 9, 2, 7, 1));
        assertThat(inventory().level(MUG)).isEqualTo(after);
        assertConserved(after, 10);
        assertThat(inventory().returnSold(MUG, 1)).isEqualTo(level(MUG, 10, 2, 0));
    }

    @Test
    void returnedUnitsCanBeSoldAgain() {
        product(MUG);
        inventory().receive(MUG, 2);
        sell(MUG, 2);
        assertInsufficient(() -> inventory().reserve(MUG, 1, TTL), MUG, 1, 0);

        inventory().returnSold(MUG, 2);
        sell(MUG, 2);

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 0, 0, 2));
    }

    @Test
    void returningMoreThanSoldIsRefusedAndChangesNothing() {
        product(MUG);
        assertReturnRefused(() -> inventory().returnSold(MUG, 1), MUG, 1, 0);
        inventory().receive(MUG, 10);
        sell(MUG, 4);

        assertReturnRefused(() -> inventory().returnSold(MUG, 5), MUG, 5, 4);

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 6, 0, 4));
        assertThat(inventory().returnSold(MUG, 4)).isEqualTo(level(MUG, 10, 0, 0));
        assertReturnRefused(() -> inventory().returnSold(MUG, 1), MUG, 1, 0);
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 10, 0, 0));
    }

    @Test
    void returnSoldValidatesItsArguments() {
        product(MUG);
        inventory().receive(MUG, 5);
        sell(MUG, 5);
        assertFails(() -> inventory().returnSold(UNKNOWN, 1), ErrorCode.NOT_FOUND, null);
        assertInvalid(() -> inventory().returnSold(null, 1), "sku");
        assertInvalid(() -> inventory().returnSold(MUG, 0), "quantity");
        assertInvalid(() -> inventory().returnSold(MUG, -1), "quantity");
        assertInvalid(() -> inventory().returnSold(MUG, Inventory.MAX_QUANTITY + 1), "quantity");
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 0, 0, 5));
    }

    @Test
    void returnSoldAllIsAllOrNothingAndNamesTheFirstSkuOverInSkuOrder() {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 5);
        inventory().receive(PAN, 5);
        sell(MUG, 3);
        sell(PAN, 1);
        Map<Sku, Long> bothOver = new LinkedHashMap<>();
        bothOver.put(PAN, 2L);
        bothOver.put(MUG, 4L);

        // The refusals are caught inside the transaction: the port itself must have changed nothing.
        store.inTransaction(transaction -> {
            assertReturnRefused(() -> transaction.stock().returnSoldAll(bothOver), MUG, 4, 3);
            assertReturnRefused(() -> transaction.stock().returnSoldAll(Map.of(MUG, 3L, PAN, 2L)), PAN, 2, 1);
            assertThat(transaction.stock().levels(List.of(MUG, PAN), clock.instant()))
                    .isEqualTo(Map.of(MUG, level(MUG, 2, 0, 3), PAN, level(PAN, 4, 0, 1)));
            return null;
        });

        store.inTransaction(transaction -> {
            transaction.stock().returnSoldAll(Map.of(PAN, 1L, MUG, 3L));
            transaction.stock().returnSoldAll(Map.of());
            return null;
        });
        assertThat(inventory().levels(List.of(MUG, PAN)))
                .isEqualTo(Map.of(MUG, level(MUG, 5, 0, 0), PAN, level(PAN, 5, 0, 0)));
    }

    @Test
    void theStockPortValidatesReturnedQuantities() {
        product(MUG);
        inventory().receive(MUG, 5);
        sell(MUG, 5);
        Map<Sku, Long> nullQuantity = new HashMap<>();
        nullQuantity.put(MUG, null);

        store.inTransaction(transaction -> {
            assertInvalid(() -> {
                transaction.stock().returnSold(MUG, 0);
                return null;
            }, "quantity");
            assertInvalid(() -> {
                transaction.stock().returnSoldAll(Map.of(MUG, 1L, PAN, -1L));
                return null;
            }, "quantity");
            assertInvalid(() -> {
                transaction.stock().returnSoldAll(nullQuantity);
                return null;
            }, "quantity");
            assertInvalid(() -> {
                transaction.stock().returnSoldAll(null);
                return null;
            }, "quantities");
            return null;
        });
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 0, 0, 5));
    }

    /** Calls the port's {@code tryReturnCommitted} in a transaction of its own. */
    private boolean tryReturnCommitted(ReservationId id) {
        return store.inTransaction(transaction -> transaction.stock().tryReturnCommitted(id));
    }

    @Test
    void tryReturnCommittedPutsACommittedReservationsUnitsBackOnHandOnce() {
        product(MUG);
        inventory().receive(MUG, 10);
        Reservation sold = inventory().reserve(MUG, 4, TTL);
        inventory().commit(sold.id());
        inventory().reserve(MUG, 1, TTL);

        assertThat(tryReturnCommitted(sold.id())).isTrue();
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 10, 1, 0));
        assertThat(inventory().status(sold.id())).isEqualTo(ReservationStatus.RELEASED);

        assertThat(tryReturnCommitted(sold.id())).isFalse();
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 10, 1, 0));
        assertThat(inventory().status(sold.id())).isEqualTo(ReservationStatus.RELEASED);
        assertFails(() -> inventory().commit(sold.id()), ErrorCode.CONFLICT, null);
    }

    @Test
    void tryReturnCommittedLeavesReservationsNotCommittedAlone() {
        product(MUG);
        inventory().receive(MUG, 10);
        sell(MUG, 2);
        Reservation released = inventory().reserve(MUG, 1, TTL);
        inventory().release(released.id());
        Reservation expired = inventory().reserve(MUG, 2, Duration.ofMinutes(1));
        Reservation live = inventory().reserve(MUG, 3, TTL);
        clock.advance(Duration.ofMinutes(1));

        assertThat(tryReturnCommitted(live.id())).isFalse();
        assertThat(tryReturnCommitted(expired.id())).isFalse();
        assertThat(tryReturnCommitted(released.id())).isFalse();
        assertThat(tryReturnCommitted(new ReservationId(UUID.randomUUID()))).isFalse();

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 8, 3, 2));
        assertThat(inventory().status(live.id())).isEqualTo(ReservationStatus.LIVE);
        assertThat(inventory().status(expired.id())).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(inventory().status(released.id())).isEqualTo(ReservationStatus.RELEASED);
        inventory().commit(live.id());
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 0, 5));
    }

    @Test
    void tryReturnCommittedRefusesUnitsAlreadyReturnedAnotherWayAndChangesNothing() {
        product(MUG);
        inventory().receive(MUG, 10);
        Reservation sold = inventory().reserve(MUG, 4, TTL);
        inventory().commit(sold.id());
        inventory().returnSold(MUG, 3);

        // Caught inside the transaction: the port itself must have changed nothing.
        store.inTransaction(transaction -> {
            assertReturnRefused(() -> transaction.stock().tryReturnCommitted(sold.id()), MUG, 4, 1);
            assertThat(transaction.stock().level(MUG, clock.instant())).contains(level(MUG, 9, 0, 1));
            assertThat(transaction.stock().status(sold.id(), clock.instant())).contains(ReservationStatus.COMMITTED);
            return null;
        });
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 9, 0, 1));
    }

    @Test
    void concurrentReturnsOfOneCommittedReservationReturnItsUnitsOnce() throws Exception {
        product(MUG);
        inventory().receive(MUG, 10);
        sell(MUG, 3);
        Reservation sold = inventory().reserve(MUG, 4, TTL);
        inventory().commit(sold.id());

        List<Boolean> returned = Contracts.race(16, index -> () -> tryReturnCommitted(sold.id()));

        assertThat(returned).filteredOn(done -> done).hasSize(1);
        StockLevel after = inventory().level(MUG);
        assertThat(after).isEqualTo(level(MUG, 7, 0, 3));
        assertConserved(after, 10);
    }

    @Test
    void everyStockMoveKeepsReceivedPlusAdjustedEqualToAvailableReservedAndSold() {
        product(MUG);
        inventory().receive(MUG, 20);
        assertConserved(inventory().adjust(MUG, -2), 18);
        Reservation held = inventory().reserve(MUG, 5, TTL);
        assertConserved(inventory().level(MUG), 18);
        inventory().commit(held.id());
        sell(MUG, 6);
        assertConserved(inventory().level(MUG), 18);
        assertConserved(inventory().returnSold(MUG, 7), 18);
        inventory().reserve(MUG, 3, TTL);
        assertConserved(inventory().returnSold(MUG, 4), 18);
        assertConserved(inventory().adjust(MUG, 1), 19);
        clock.advance(TTL);
        assertConserved(inventory().level(MUG), 19);
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 19, 0, 0));
    }

    @Test
    void concurrentReturnsNeverTakeSoldBelowZero() throws Exception {
        product(MUG);
        inventory().receive(MUG, 10);
        sell(MUG, 10);

        List<Boolean> returned = Contracts.race(16, index -> () -> {
            try {
                inventory().returnSold(MUG, 1);
                return true;
            } catch (ReturnExceedsSoldException e) {
                return false;
            }
        });

        assertThat(returned).filteredOn(done -> done).hasSize(10);
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 10, 0, 0));
    }

    @Test
    void concurrentReturnsOfSeveralSkusInEitherOrderNeverTakeSoldBelowZero() throws Exception {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 8);
        inventory().receive(PAN, 6);
        sell(MUG, 8);
        sell(PAN, 6);

        List<Boolean> returned = Contracts.race(12, index -> () -> {
            // Half the callers name the SKUs in the other order: the port must lock them in SKU order.
            Map<Sku, Long> lines = new LinkedHashMap<>();
            lines.put(index % 2 == 0 ? MUG : PAN, 1L);
            lines.put(index % 2 == 0 ? PAN : MUG, 1L);
            try {
                store.inTransaction(transaction -> {
                    transaction.stock().returnSoldAll(lines);
                    return null;
                });
                return true;
            } catch (ReturnExceedsSoldException e) {
                assertThat(e.sku()).isEqualTo(PAN);
                return false;
            }
        });

        assertThat(returned).filteredOn(done -> done).hasSize(6);
        assertThat(inventory().level(PAN)).isEqualTo(level(PAN, 6, 0, 0));
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 6, 0, 2));
    }

    // ---- random sequences against a model ----

    @Test
    void randomSequencesKeepConservationAndMatchAModel() {
        long baseSeed = Long.getLong("cartwright.seed", System.nanoTime());
        System.out.println("InventoryContract.randomSequencesKeepConservationAndMatchAModel seed " + baseSeed
                + " (replay with -Dcartwright.seed=" + baseSeed + ")");
        List<Sku> skus = List.of(Sku.of("R-A"), Sku.of("R-B"), Sku.of("R-C"));
        skus.forEach(this::product);
        java.util.Random seeds = new java.util.Random(baseSeed);
        InventoryModel model = new InventoryModel(skus);
        for (int run = 0; run < 20; run++) {
            long seed = seeds.nextLong();
            new InventoryModel.Run(inventory(), clock, model, skus, seed).steps(100);
        }
    }

    // ---- concurrency ----

    @Test
    void concurrentReservationsNeverExceedOnHand() throws Exception {
        product(MUG);
        inventory().receive(MUG, 10);
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();

        runConcurrently(16, () -> {
            for (int attempt = 0; attempt < 20; attempt++) {
                try {
                    inventory().reserve(MUG, 1, TTL);
                    succeeded.incrementAndGet();
                } catch (InsufficientStockException e) {
                    refused.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(succeeded.get()).isEqualTo(10);
        assertThat(refused.get()).isEqualTo(16 * 20 - 10);
        assertThat(inventory().level(MUG)).isEqualTo(new StockLevel(MUG, 10, 10, 0, 0));
    }

    @Test
    void concurrentCheckoutsSellExactlyWhatIsOnHand() throws Exception {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 40);
        inventory().receive(PAN, 25);
        AtomicInteger sold = new AtomicInteger();

        runConcurrently(16, () -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                Map<Sku, Long> lines = new LinkedHashMap<>();
                // Half the threads name the SKUs in the other order: reserveAll must not deadlock.
                if (attempt % 2 == 0) {
                    lines.put(MUG, 1L);
                    lines.put(PAN, 1L);
                } else {
                    lines.put(PAN, 1L);
                    lines.put(MUG, 1L);
                }
                try {
                    inventory().reserveAll(lines, TTL).forEach(reservation -> inventory().commit(reservation.id()));
                    sold.incrementAndGet();
                } catch (InsufficientStockException e) {
                    assertThat(e.sku()).isEqualTo(PAN);
                }
            }
            return null;
        });

        assertThat(sold.get()).isEqualTo(25);
        assertThat(inventory().level(PAN)).isEqualTo(level(PAN, 0, 0, 25));
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 15, 0, 25));
    }

    @Test
    void sellAllSellsEveryLineAtOnceWithoutAReservation() {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 5);
        inventory().receive(PAN, 5);
        Map<Sku, Long> lines = new LinkedHashMap<>();
        lines.put(PAN, 2L);
        lines.put(MUG, 3L);

        ReservationAttempt attempt = store.inTransaction(transaction -> transaction.stock().trySellAll(lines,
                clock.instant()));

        assertThat(attempt.recorded()).isTrue();
        assertThat(attempt.availableBefore()).isEqualTo(Map.of(MUG, 5L, PAN, 5L));
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 2, 0, 3));
        assertThat(inventory().level(PAN)).isEqualTo(level(PAN, 3, 0, 2));
    }

    @Test
    void sellAllIsAllOrNothingEvenWhenItsTransactionCommits() {
        product(MUG);
        product(PAN);
        Sku never = Sku.of("NEVER-STOCKED");
        product(never);
        inventory().receive(MUG, 5);
        inventory().receive(PAN, 1);

        ReservationAttempt shortOfPan = store.inTransaction(transaction -> transaction.stock().trySellAll(
                Map.of(MUG, 5L, PAN, 2L), clock.instant()));
        ReservationAttempt unstocked = store.inTransaction(transaction -> transaction.stock().trySellAll(
                Map.of(MUG, 1L, never, 1L), clock.instant()));

        assertThat(shortOfPan.recorded()).isFalse();
        assertThat(shortOfPan.availableBefore(PAN)).isEqualTo(1);
        assertThat(unstocked.recorded()).isFalse();
        assertThat(unstocked.availableBefore(never)).isZero();
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 0, 0));
        assertThat(inventory().level(PAN)).isEqualTo(level(PAN, 1, 0, 0));
    }

    @Test
    void sellAllLeavesUnitsHeldByLiveReservationsAndTakesThoseOfExpiredOnes() {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 5);
        inventory().receive(PAN, 5);
        Reservation held = inventory().reserve(MUG, 4, TTL);

        ReservationAttempt refused = store.inTransaction(transaction -> transaction.stock().trySellAll(
                Map.of(MUG, 2L, PAN, 1L), clock.instant()));
        clock.advance(TTL);
        ReservationAttempt sold = store.inTransaction(transaction -> transaction.stock().trySellAll(
                Map.of(MUG, 2L, PAN, 1L), clock.instant()));

        assertThat(refused.recorded()).isFalse();
        assertThat(refused.availableBefore(MUG)).isEqualTo(1);
        assertThat(sold.recorded()).isTrue();
        assertThat(sold.availableBefore()).isEqualTo(Map.of(MUG, 5L, PAN, 5L));
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 3, 0, 2));
        assertThat(inventory().level(PAN)).isEqualTo(level(PAN, 4, 0, 1));
        assertThat(inventory().status(held.id())).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void sellAllValidatesQuantities() {
        product(MUG);
        inventory().receive(MUG, 5);

        assertInvalid(() -> store.inTransaction(transaction -> transaction.stock().trySellAll(Map.of(MUG, 0L),
                clock.instant())), "quantity");

        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 5, 0, 0));
    }

    @Test
    void concurrentSalesOfOverlappingSkusSellExactlyWhatIsOnHand() throws Exception {
        product(MUG);
        product(PAN);
        inventory().receive(MUG, 40);
        inventory().receive(PAN, 25);
        inventory().reserve(PAN, 5, TTL);
        AtomicInteger sold = new AtomicInteger();

        runConcurrently(16, () -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                Map<Sku, Long> lines = new LinkedHashMap<>();
                lines.put(attempt % 2 == 0 ? MUG : PAN, 1L);
                lines.put(attempt % 2 == 0 ? PAN : MUG, 1L);
                if (store.inTransaction(transaction -> transaction.stock().trySellAll(lines, clock.instant()))
                        .recorded()) {
                    sold.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(sold.get()).isEqualTo(20);
        assertThat(inventory().level(PAN)).isEqualTo(level(PAN, 5, 5, 20));
        assertThat(inventory().level(MUG)).isEqualTo(level(MUG, 20, 0, 20));
    }

    @Test
    void concurrentReserveCommitAndReleaseConserveStock() throws Exception {
        product(MUG);
        inventory().receive(MUG, 30);
        AtomicInteger committed = new AtomicInteger();

        runConcurrently(16, () -> {
            for (int attempt = 0; attempt < 30; attempt++) {
                try {
                    Reservation reservation = inventory().reserve(MUG, 1 + attempt % 3, TTL);
                    if ((attempt + reservation.id().hashCode()) % 3 == 0) {
                        inventory().commit(reservation.id());
                        committed.addAndGet((int) reservation.quantity());
                    } else {
                        inventory().release(reservation.id());
                    }
                } catch (InsufficientStockException e) {
                    assertThat(e.available()).isBetween(0L, 30L);
                }
            }
            return null;
        });

        StockLevel level = inventory().level(MUG);
        assertThat(level.sold()).isEqualTo(committed.get());
        assertThat(level.reserved()).isZero();
        assertThat(level.onHand() + level.sold()).isEqualTo(30);
        assertThat(level.available()).isEqualTo(level.onHand());
    }

    /** Runs {@code task} on {@code threads} threads released at once; rethrows the first failure. */
    protected static void runConcurrently(int threads, Callable<Void> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    start.await();
                    return task.call();
                }));
            }
            ready.await();
            start.countDown();
            for (Future<Void> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
