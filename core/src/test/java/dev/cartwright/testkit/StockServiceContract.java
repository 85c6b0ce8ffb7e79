package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.Inventory;
import dev.cartwright.inventory.InventoryRepositories;
import dev.cartwright.inventory.LowStockThreshold;
import dev.cartwright.inventory.ReturnExceedsSoldException;
import dev.cartwright.inventory.StockHolds;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.inventory.StockLow;
import dev.cartwright.inventory.StockService;
import dev.cartwright.money.Money;
import dev.cartwright.store.Durability;
import dev.cartwright.store.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link StockHolds}, the {@link StockService} over a store's own stock, on any store; and of any
 * client of a served {@code StockHolds} (one over HTTP, say) that overrides {@link #serve}: it must answer exactly
 * as the holds it serves.
 */
public abstract class StockServiceContract extends StoreContract {

    private static final Sku MUG = Sku.of("MUG-1");
    private static final Sku PAN = Sku.of("PAN-1");
    private static final Duration HOLD = Duration.ofMinutes(15);
    private static final String KEY = "order-1";

    private final List<CommerceEvent> received = new CopyOnWriteArrayList<>();
    private StockService holds;

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder).eventListener(received::add);
    }

    @BeforeEach
    void setUpHolds() {
        holds = serve(new StockHolds(inventoryView(), clock, LowStockThreshold.DEFAULT,
                () -> commerce.deliverEvents()));
        stocked(MUG, 10);
        stocked(PAN, 5);
    }

    /**
     * The service under test, given the holds over the store's own stock: the holds themselves, or a client of
     * them served by a remote transport. Called once per test, before it stocks the store.
     *
     * @param stockHolds the holds over the test's store
     * @return the service whose behaviour the tests check
     */
    protected StockService serve(StockService stockHolds) {
        return stockHolds;
    }

    /** The store's transactions narrowed to what inventory sees, as {@link Commerce} builds them. */
    private UnitOfWork<InventoryRepositories> inventoryView() {
        return new UnitOfWork<>() {
            @Override
            public <T> T inTransaction(Function<InventoryRepositories, T> work) {
                return store.inTransaction(transaction -> work.apply(transaction));
            }

            @Override
            public <T> T inTransaction(Durability durability, Function<InventoryRepositories, T> work) {
                return store.inTransaction(durability, transaction -> work.apply(transaction));
            }

            @Override
            public <T> T read(Function<InventoryRepositories, T> work) {
                return store.read(transaction -> work.apply(transaction));
            }
        };
    }

    private void stocked(Sku sku, long units) {
        commerce.catalog().create(NewProduct.of(sku.value(), "Product " + sku, Money.of("1.00", "EUR")));
        commerce.inventory().receive(sku, units);
    }

    private Instant until() {
        return clock.instant().plus(HOLD);
    }

    private StockLevel level(Sku sku) {
        return commerce.inventory().level(sku);
    }

    private static StockLevel level(Sku sku, long onHand, long reserved, long sold) {
        return StockLevel.of(sku, onHand, reserved, sold);
    }

    private void assertLevels(StockLevel mug, StockLevel pan) {
        assertThat(commerce.inventory().levels(List.of(MUG, PAN))).isEqualTo(Map.of(MUG, mug, PAN, pan));
    }

    private static void assertInsufficient(Runnable call, Sku sku, long requested, long available) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InsufficientStockException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
            assertThat(e.sku()).isEqualTo(sku);
            assertThat(e.requested()).isEqualTo(requested);
            assertThat(e.available()).isEqualTo(available);
        });
    }

    // ---- reserve ----

    @Test
    void reserveHoldsTheUnitsOfEverySku() {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());

        assertLevels(level(MUG, 10, 3, 0), level(PAN, 5, 2, 0));
    }

    @Test
    void aHoldLapsesAtItsUntil() {
        holds.reserve(KEY, Map.of(MUG, 3L), until());

        clock.advance(HOLD.minusMillis(1));
        assertThat(level(MUG)).isEqualTo(level(MUG, 10, 3, 0));
        clock.advance(Duration.ofMillis(1));
        assertThat(level(MUG)).isEqualTo(level(MUG, 10, 0, 0));
    }

    @Test
    void repeatingAReserveWithTheSameQuantitiesChangesNothing() {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());
        Map<Sku, Long> otherOrder = new LinkedHashMap<>();
        otherOrder.put(PAN, 2L);
        otherOrder.put(MUG, 3L);

        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());
        clock.advance(Duration.ofMinutes(1));
        holds.reserve(KEY, otherOrder, until());

        assertLevels(level(MUG, 10, 3, 0), level(PAN, 5, 2, 0));
    }

    @Test
    void repeatingAReserveAfterTheHoldWasSoldOrGivenBackChangesNothing() {
        holds.reserve(KEY, Map.of(MUG, 3L), until());
        holds.confirm(KEY, List.of(MUG));
        holds.reserve("order-2", Map.of(PAN, 2L), until());
        holds.release("order-2", List.of(PAN));

        holds.reserve(KEY, Map.of(MUG, 3L), until());
        holds.reserve("order-2", Map.of(PAN, 2L), until());

        assertLevels(level(MUG, 7, 0, 3), level(PAN, 5, 0, 0));
    }

    @Test
    void reservingOtherQuantitiesUnderAKeyThatHoldsSomeIsAConflict() {
        holds.reserve(KEY, Map.of(MUG, 3L), until());

        assertFails(() -> holds.reserve(KEY, Map.of(MUG, 4L), until()), ErrorCode.CONFLICT, "key");
        assertFails(() -> holds.reserve(KEY, Map.of(MUG, 3L, PAN, 1L), until()), ErrorCode.CONFLICT, "key");

        assertLevels(level(MUG, 10, 3, 0), level(PAN, 5, 0, 0));
    }

    @Test
    void reserveIsAllOrNoneAcrossSkus() {
        Sku neverStocked = Sku.of("NEVER-1");

        assertInsufficient(() -> holds.reserve(KEY, Map.of(MUG, 5L, PAN, 6L), until()), PAN, 6, 5);
        assertInsufficient(() -> holds.reserve(KEY, Map.of(MUG, 11L, PAN, 6L), until()), MUG, 11, 10);
        assertInsufficient(() -> holds.reserve(KEY, Map.of(MUG, 1L, neverStocked, 1L), until()), neverStocked, 1, 0);

        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
        holds.reserve(KEY, Map.of(MUG, 5L, PAN, 5L), until());
        assertLevels(level(MUG, 10, 5, 0), level(PAN, 5, 5, 0));
    }

    @Test
    void aReserveThatTakesStockAcrossTheThresholdPublishesStockLowOnce() {
        holds.reserve(KEY, Map.of(MUG, 5L, PAN, 1L), until());
        holds.reserve(KEY, Map.of(MUG, 5L, PAN, 1L), until());

        assertThat(received).containsExactly(new StockLow(MUG, 5, LowStockThreshold.DEFAULT.units(), START));
    }

    // ---- confirm ----

    @Test
    void confirmSellsWhatTheKeyHoldsAndRepeatingItChangesNothing() {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());

        holds.confirm(KEY, List.of(PAN, MUG));
        assertLevels(level(MUG, 7, 0, 3), level(PAN, 3, 0, 2));

        holds.confirm(KEY, List.of(MUG, PAN));
        clock.advance(HOLD.multipliedBy(2));
        holds.confirm(KEY, List.of(MUG, PAN));
        assertLevels(level(MUG, 7, 0, 3), level(PAN, 3, 0, 2));
    }

    @Test
    void confirmAfterReleaseIsInsufficientStockAndSellsNothing() {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());
        holds.release(KEY, List.of(MUG, PAN));

        assertInsufficient(() -> holds.confirm(KEY, List.of(MUG, PAN)), MUG, 3, 0);

        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
    }

    @Test
    void confirmSellsNoneWhenOneHoldWasGivenBack() {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());
        holds.release(KEY, List.of(PAN));

        assertInsufficient(() -> holds.confirm(KEY, List.of(MUG, PAN)), PAN, 2, 0);

        assertLevels(level(MUG, 10, 3, 0), level(PAN, 5, 0, 0));
    }

    @Test
    void confirmAfterTheHoldLapsedIsInsufficientStockAndSellsNothing() {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());
        clock.advance(HOLD);

        assertInsufficient(() -> holds.confirm(KEY, List.of(MUG, PAN)), MUG, 3, 0);

        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
    }

    @Test
    void confirmOfAKeyThatHoldsNoneOfTheSkusIsNotFound() {
        holds.reserve(KEY, Map.of(MUG, 3L), until());

        assertFails(() -> holds.confirm("order-2", List.of(MUG)), ErrorCode.NOT_FOUND, "key");
        assertFails(() -> holds.confirm(KEY, List.of(PAN)), ErrorCode.NOT_FOUND, "key");
        assertFails(() -> holds.confirm(KEY, List.of(MUG, PAN)), ErrorCode.NOT_FOUND, "skus");

        assertLevels(level(MUG, 10, 3, 0), level(PAN, 5, 0, 0));
    }

    // ---- release ----

    @Test
    void releaseGivesALiveHoldBackAndRepeatingItChangesNothing() {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());

        holds.release(KEY, List.of(MUG, PAN));
        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));

        holds.release(KEY, List.of(MUG, PAN));
        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
    }

    @Test
    void releasingALapsedHoldLeavesOthersHoldsAlone() {
        holds.reserve(KEY, Map.of(MUG, 8L), until());
        clock.advance(HOLD);
        holds.reserve("order-2", Map.of(MUG, 10L), until());

        holds.release(KEY, List.of(MUG));

        assertThat(level(MUG)).isEqualTo(level(MUG, 10, 10, 0));
        holds.confirm("order-2", List.of(MUG));
        assertThat(level(MUG)).isEqualTo(level(MUG, 0, 0, 10));
    }

    @Test
    void releaseAfterConfirmPutsTheSoldUnitsBackOnHandOnce() {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());
        holds.confirm(KEY, List.of(MUG, PAN));

        holds.release(KEY, List.of(MUG, PAN));
        holds.release(KEY, List.of(MUG, PAN));

        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
        assertInsufficient(() -> holds.confirm(KEY, List.of(MUG, PAN)), MUG, 3, 0);
        StockLevel mug = level(MUG);
        assertThat(mug.onHand() + mug.sold()).isEqualTo(10);
    }

    @Test
    void releaseOfSkusTheKeyNeverHeldIsHarmless() {
        holds.reserve(KEY, Map.of(MUG, 3L), until());

        holds.release("order-2", List.of(MUG, PAN));
        holds.release(KEY, List.of(MUG, PAN));

        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
    }

    // ---- returnSold ----

    private void sold(String key, Map<Sku, Long> units) {
        holds.reserve(key, units, until());
        holds.confirm(key, units.keySet());
    }

    private static void assertReturnExceeds(Runnable call, Sku sku, long returned, long sold) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ReturnExceedsSoldException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
            assertThat(e.field()).contains("quantity");
            assertThat(e.sku()).isEqualTo(sku);
            assertThat(e.returned()).isEqualTo(returned);
            assertThat(e.sold()).isEqualTo(sold);
        });
    }

    @Test
    void returnSoldPutsPartsOfASaleBackOnHandAndRepeatingOneChangesNothing() {
        sold(KEY, Map.of(MUG, 3L, PAN, 2L));

        holds.returnSold(KEY, "refund-1", Map.of(MUG, 1L));
        assertLevels(level(MUG, 8, 0, 2), level(PAN, 3, 0, 2));

        holds.returnSold(KEY, "refund-1", Map.of(MUG, 1L));
        clock.advance(HOLD.multipliedBy(2));
        holds.returnSold(KEY, "refund-1", Map.of(MUG, 1L));
        assertLevels(level(MUG, 8, 0, 2), level(PAN, 3, 0, 2));

        holds.returnSold(KEY, "refund-2", Map.of(MUG, 1L, PAN, 2L));
        holds.returnSold(KEY, "refund-2", Map.of(PAN, 2L, MUG, 1L));
        assertLevels(level(MUG, 9, 0, 1), level(PAN, 5, 0, 0));
        assertThat(received).as("a return publishes nothing, as Inventory.returnSold does not").isEmpty();
    }

    @Test
    void aReturnNeverExceedsWhatTheKeyStillHasSoldAndARefusedOneReturnsNothing() {
        sold(KEY, Map.of(MUG, 3L, PAN, 2L));
        sold("order-2", Map.of(MUG, 4L));
        holds.reserve("order-3", Map.of(PAN, 1L), until());
        holds.returnSold(KEY, "refund-1", Map.of(MUG, 2L));

        assertReturnExceeds(() -> holds.returnSold(KEY, "refund-2", Map.of(MUG, 2L)), MUG, 2, 1);
        assertReturnExceeds(() -> holds.returnSold(KEY, "refund-3", Map.of(MUG, 1L, PAN, 3L)), PAN, 3, 2);
        assertReturnExceeds(() -> holds.returnSold("order-3", "refund-1", Map.of(PAN, 1L)), PAN, 1, 0);
        assertReturnExceeds(() -> holds.returnSold("order-9", "refund-1", Map.of(MUG, 1L)), MUG, 1, 0);

        assertLevels(level(MUG, 5, 0, 5), level(PAN, 3, 1, 2));
        holds.returnSold(KEY, "refund-3", Map.of(MUG, 1L, PAN, 2L));
        assertLevels(level(MUG, 6, 0, 4), level(PAN, 5, 1, 0));
        assertReturnExceeds(() -> holds.returnSold(KEY, "refund-4", Map.of(MUG, 1L)), MUG, 1, 0);
    }

    @Test
    void releaseAfterAPartialReturnGivesBackOnlyWhatIsStillSold() {
        sold(KEY, Map.of(MUG, 3L, PAN, 2L));
        sold("order-2", Map.of(MUG, 4L));
        holds.returnSold(KEY, "refund-1", Map.of(MUG, 1L));
        holds.returnSold(KEY, "refund-2", Map.of(MUG, 1L, PAN, 2L));

        holds.release(KEY, List.of(MUG, PAN));
        holds.release(KEY, List.of(MUG, PAN));

        assertLevels(level(MUG, 6, 0, 4), level(PAN, 5, 0, 0));
        holds.returnSold(KEY, "refund-1", Map.of(MUG, 1L));
        assertReturnExceeds(() -> holds.returnSold(KEY, "refund-3", Map.of(MUG, 1L)), MUG, 1, 0);
        assertInsufficient(() -> holds.confirm(KEY, List.of(MUG)), MUG, 3, 0);
        assertLevels(level(MUG, 6, 0, 4), level(PAN, 5, 0, 0));
        holds.release("order-2", List.of(MUG));
        assertThat(level(MUG)).as("every unit accounted for").isEqualTo(level(MUG, 10, 0, 0));
    }

    @Test
    void aSaleStandsWhilePartOfItIsLeftSold() {
        sold(KEY, Map.of(MUG, 3L));
        holds.returnSold(KEY, "refund-1", Map.of(MUG, 1L));

        holds.confirm(KEY, List.of(MUG));
        holds.reserve(KEY, Map.of(MUG, 3L), until());
        assertThat(level(MUG)).isEqualTo(level(MUG, 8, 0, 2));

        holds.returnSold(KEY, "refund-2", Map.of(MUG, 2L));
        assertThat(level(MUG)).isEqualTo(level(MUG, 10, 0, 0));
        assertInsufficient(() -> holds.confirm(KEY, List.of(MUG)), MUG, 3, 0);
        holds.release(KEY, List.of(MUG));
        assertThat(level(MUG)).isEqualTo(level(MUG, 10, 0, 0));
    }

    @Test
    void aReturnIdUsedForOtherUnitsUnderTheKeyIsAConflict() {
        sold(KEY, Map.of(MUG, 3L, PAN, 2L));
        sold("order-2", Map.of(MUG, 2L));
        holds.returnSold(KEY, "refund-1", Map.of(MUG, 1L));

        assertFails(() -> holds.returnSold(KEY, "refund-1", Map.of(MUG, 2L)), ErrorCode.CONFLICT, "returnId");
        assertFails(() -> holds.returnSold(KEY, "refund-1", Map.of(MUG, 1L, PAN, 1L)), ErrorCode.CONFLICT,
                "returnId");
        assertLevels(level(MUG, 6, 0, 4), level(PAN, 3, 0, 2));

        holds.returnSold("order-2", "refund-1", Map.of(MUG, 2L));
        assertLevels(level(MUG, 8, 0, 2), level(PAN, 3, 0, 2));
    }

    @Test
    void returnNamesTheFieldItRefuses() {
        sold(KEY, Map.of(MUG, 3L));
        Map<Sku, Long> nullSku = withNullSku();
        Map<Sku, Long> nullQuantity = withNullQuantity();
        Map<Sku, Long> tooMany = overTheLineLimit();
        Map<Sku, Long> one = Map.of(MUG, 1L);

        assertFails(() -> holds.returnSold(null, "r", one), ErrorCode.VALIDATION, "key");
        assertFails(() -> holds.returnSold("", "r", one), ErrorCode.VALIDATION, "key");
        assertFails(() -> holds.returnSold("k\u0000", "r", one), ErrorCode.VALIDATION, "key");
        assertFails(() -> holds.returnSold("k".repeat(StockHolds.MAX_KEY_LENGTH + 1), "r", one), ErrorCode.VALIDATION,
                "key");
        assertFails(() -> holds.returnSold(KEY, null, one), ErrorCode.VALIDATION, "returnId");
        assertFails(() -> holds.returnSold(KEY, "", one), ErrorCode.VALIDATION, "returnId");
        assertFails(() -> holds.returnSold(KEY, " ", one), ErrorCode.VALIDATION, "returnId");
        assertFails(() -> holds.returnSold(KEY, "r\u0000", one), ErrorCode.VALIDATION, "returnId");
        assertFails(() -> holds.returnSold(KEY, "r".repeat(StockHolds.MAX_KEY_LENGTH + 1), one), ErrorCode.VALIDATION,
                "returnId");
        assertFails(() -> holds.returnSold(KEY, "r", null), ErrorCode.VALIDATION, "units");
        assertFails(() -> holds.returnSold(KEY, "r", Map.of()), ErrorCode.VALIDATION, "units");
        assertFails(() -> holds.returnSold(KEY, "r", tooMany), ErrorCode.VALIDATION, "units");
        assertFails(() -> holds.returnSold(KEY, "r", nullSku), ErrorCode.VALIDATION, "sku");
        assertFails(() -> holds.returnSold(KEY, "r", nullQuantity), ErrorCode.VALIDATION, "quantity");
        assertFails(() -> holds.returnSold(KEY, "r", Map.of(MUG, 0L)), ErrorCode.VALIDATION, "quantity");
        assertFails(() -> holds.returnSold(KEY, "r", Map.of(MUG, Inventory.MAX_QUANTITY + 1)), ErrorCode.VALIDATION,
                "quantity");

        assertThat(level(MUG)).isEqualTo(level(MUG, 7, 0, 3));
        holds.returnSold(KEY, "r".repeat(StockHolds.MAX_KEY_LENGTH), one);
        assertThat(level(MUG)).isEqualTo(level(MUG, 8, 0, 2));
    }

    // ---- races ----

    @Test
    void concurrentRepeatsOfOneReturnReturnItOnce() throws Exception {
        sold(KEY, Map.of(MUG, 3L, PAN, 2L));
        sold("order-2", Map.of(MUG, 4L, PAN, 3L));

        List<Boolean> done = Contracts.race(16, index -> () -> {
            holds.returnSold(KEY, "refund-1", Map.of(MUG, 2L, PAN, 1L));
            return true;
        });

        assertThat(done).containsOnly(true);
        assertLevels(level(MUG, 5, 0, 5), level(PAN, 1, 0, 4));
    }

    @Test
    void concurrentReturnsOfOneSaleReturnNoMoreThanItSold() throws Exception {
        sold(KEY, Map.of(MUG, 3L));
        sold("order-2", Map.of(MUG, 4L));

        List<Boolean> returned = Contracts.race(16, index -> () -> {
            try {
                holds.returnSold(KEY, "refund-" + index, Map.of(MUG, 1L));
                return true;
            } catch (ReturnExceedsSoldException e) {
                assertThat(e.sold()).isZero();
                return false;
            }
        });

        assertThat(returned).filteredOn(done -> done).hasSize(3);
        assertThat(level(MUG)).isEqualTo(level(MUG, 6, 0, 4));
    }

    @Test
    void returnsAndReleasesThatMeetGiveTheSaleBackOnce() throws Exception {
        sold(KEY, Map.of(MUG, 3L, PAN, 2L));
        sold("order-2", Map.of(MUG, 4L, PAN, 3L));

        Contracts.race(16, index -> () -> {
            if (index % 2 == 1) {
                holds.release(KEY, List.of(MUG, PAN));
                return "released";
            }
            try {
                holds.returnSold(KEY, "refund-" + index, Map.of(MUG, 1L, PAN, 1L));
                return "returned";
            } catch (ReturnExceedsSoldException e) {
                return "given back first";
            }
        });

        assertLevels(level(MUG, 6, 0, 4), level(PAN, 2, 0, 3));
    }

    @Test
    void concurrentReservesOfOneKeyHoldItsUnitsOnce() throws Exception {
        List<Boolean> done = Contracts.race(16, index -> () -> {
            holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());
            return true;
        });

        assertThat(done).containsOnly(true);
        assertLevels(level(MUG, 10, 3, 0), level(PAN, 5, 2, 0));
    }

    @Test
    void concurrentReservesOfOneKeyForEveryUnitLeftAllSucceed() throws Exception {
        // The callers that wait for the first one's locks find no units left: they must find its holds instead.
        List<Boolean> done = Contracts.race(16, index -> () -> {
            holds.reserve(KEY, Map.of(MUG, 10L, PAN, 5L), until());
            return true;
        });

        assertThat(done).containsOnly(true);
        assertLevels(level(MUG, 10, 10, 0), level(PAN, 5, 5, 0));
    }

    @Test
    void concurrentConfirmsOfOneKeySellOnce() throws Exception {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());

        List<Boolean> done = Contracts.race(16, index -> () -> {
            holds.confirm(KEY, index % 2 == 0 ? List.of(MUG, PAN) : List.of(PAN, MUG));
            return true;
        });

        assertThat(done).containsOnly(true);
        assertLevels(level(MUG, 7, 0, 3), level(PAN, 3, 0, 2));
    }

    @Test
    void concurrentReleasesOfASoldKeyReturnItsUnitsOnce() throws Exception {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());
        holds.confirm(KEY, List.of(MUG, PAN));

        Contracts.race(16, index -> () -> {
            holds.release(KEY, List.of(MUG, PAN));
            return true;
        });

        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
    }

    @Test
    void aConfirmAndAReleaseThatMeetLeaveTheUnitsOnHand() throws Exception {
        holds.reserve(KEY, Map.of(MUG, 3L, PAN, 2L), until());

        Contracts.race(16, index -> () -> {
            if (index % 2 == 1) {
                holds.release(KEY, List.of(MUG, PAN));
                return "released";
            }
            try {
                holds.confirm(KEY, List.of(MUG, PAN));
                return "sold";
            } catch (InsufficientStockException e) {
                return "given back first";
            }
        });

        // Whichever came first, a release ran after every sale or before it was refused, so the units are back.
        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
    }

    @Test
    void concurrentReservesOfTheLastUnitsByManyKeysNeverOversell() throws Exception {
        List<Boolean> held = Contracts.race(16, index -> () -> {
            Map<Sku, Long> quantities = new LinkedHashMap<>();
            quantities.put(index % 2 == 0 ? MUG : PAN, 1L);
            quantities.put(index % 2 == 0 ? PAN : MUG, 1L);
            try {
                holds.reserve("order-" + index, quantities, until());
                return true;
            } catch (InsufficientStockException e) {
                assertThat(e.sku()).isEqualTo(PAN);
                return false;
            }
        });

        assertThat(held).filteredOn(done -> done).hasSize(5);
        assertLevels(level(MUG, 10, 5, 0), level(PAN, 5, 5, 0));
    }

    // ---- validation ----

    @Test
    void reserveNamesTheFieldItRefuses() {
        Map<Sku, Long> nullSku = withNullSku();
        Map<Sku, Long> nullQuantity = withNullQuantity();
        Map<Sku, Long> tooMany = overTheLineLimit();

        assertFails(() -> holds.reserve(null, Map.of(MUG, 1L), until()), ErrorCode.VALIDATION, "key");
        assertFails(() -> holds.reserve(" ", Map.of(MUG, 1L), until()), ErrorCode.VALIDATION, "key");
        assertFails(() -> holds.reserve("k".repeat(StockHolds.MAX_KEY_LENGTH + 1), Map.of(MUG, 1L), until()),
                ErrorCode.VALIDATION, "key");
        assertFails(() -> holds.reserve(KEY, null, until()), ErrorCode.VALIDATION, "quantities");
        assertFails(() -> holds.reserve(KEY, Map.of(), until()), ErrorCode.VALIDATION, "quantities");
        assertFails(() -> holds.reserve(KEY, tooMany, until()), ErrorCode.VALIDATION, "quantities");
        assertFails(() -> holds.reserve(KEY, nullSku, until()), ErrorCode.VALIDATION, "sku");
        assertFails(() -> holds.reserve(KEY, nullQuantity, until()), ErrorCode.VALIDATION, "quantity");
        assertFails(() -> holds.reserve(KEY, Map.of(MUG, 0L), until()), ErrorCode.VALIDATION, "quantity");
        assertFails(() -> holds.reserve(KEY, Map.of(MUG, Inventory.MAX_QUANTITY + 1), until()),
                ErrorCode.VALIDATION, "quantity");
        assertFails(() -> holds.reserve(KEY, Map.of(MUG, 1L), null), ErrorCode.VALIDATION, "until");
        assertFails(() -> holds.reserve(KEY, Map.of(MUG, 1L), clock.instant()), ErrorCode.VALIDATION, "until");
        assertFails(() -> holds.reserve(KEY, Map.of(MUG, 1L), clock.instant().minusSeconds(1)),
                ErrorCode.VALIDATION, "until");
        assertFails(() -> holds.reserve(KEY, Map.of(MUG, 1L), clock.instant().plus(Inventory.MAX_TTL).plusMillis(1)),
                ErrorCode.VALIDATION, "until");

        assertLevels(level(MUG, 10, 0, 0), level(PAN, 5, 0, 0));
        holds.reserve("k".repeat(StockHolds.MAX_KEY_LENGTH), Map.of(MUG, 1L), clock.instant().plus(Inventory.MAX_TTL));
        assertThat(level(MUG)).isEqualTo(level(MUG, 10, 1, 0));
    }

    @Test
    void confirmAndReleaseNameTheFieldTheyRefuse() {
        holds.reserve(KEY, Map.of(MUG, 1L), until());
        List<Sku> withNull = new ArrayList<>();
        withNull.add(MUG);
        withNull.add(null);
        List<Sku> tooMany = new ArrayList<>();
        for (int i = 0; i <= Inventory.MAX_LINES; i++) {
            tooMany.add(Sku.of("S-" + i));
        }

        for (StockCall call : List.<StockCall>of(holds::confirm, holds::release)) {
            assertFails(() -> call.run(null, List.of(MUG)), ErrorCode.VALIDATION, "key");
            assertFails(() -> call.run("", List.of(MUG)), ErrorCode.VALIDATION, "key");
            assertFails(() -> call.run("k\u0000", List.of(MUG)), ErrorCode.VALIDATION, "key");
            assertFails(() -> call.run(KEY, null), ErrorCode.VALIDATION, "skus");
            assertFails(() -> call.run(KEY, List.of()), ErrorCode.VALIDATION, "skus");
            assertFails(() -> call.run(KEY, withNull), ErrorCode.VALIDATION, "skus");
            assertFails(() -> call.run(KEY, tooMany), ErrorCode.VALIDATION, "skus");
        }

        assertThat(level(MUG)).isEqualTo(level(MUG, 10, 1, 0));
    }

    /** Confirm or release, for tests that call both alike. */
    @FunctionalInterface
    private interface StockCall {
        void run(String key, List<Sku> skus);
    }

    private static Map<Sku, Long> withNullSku() {
        Map<Sku, Long> units = new HashMap<>();
        units.put(null, 1L);
        return units;
    }

    private static Map<Sku, Long> withNullQuantity() {
        Map<Sku, Long> units = new HashMap<>();
        units.put(MUG, null);
        return units;
    }

    private static Map<Sku, Long> overTheLineLimit() {
        Map<Sku, Long> units = new HashMap<>();
        for (int i = 0; i <= Inventory.MAX_LINES; i++) {
            units.put(Sku.of("S-" + i), 1L);
        }
        return units;
    }
}
