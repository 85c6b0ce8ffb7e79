package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.LowStockThreshold;
import dev.cartwright.inventory.ReservationAttempt;
import dev.cartwright.inventory.ReturnExceedsSoldException;
import dev.cartwright.inventory.StockService;
import dev.cartwright.inventory.StockServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the stock an order takes is kept, as the order workflows see it: in the orders' own store (the default),
 * or by another service ({@link StockService}). Each workflow calls it at the same points whichever it is; the
 * calls made around a transaction do nothing for the store's own stock, and the calls made inside one do nothing
 * for a service's. See ARCHITECTURE.md, "Stock kept elsewhere".
 */
abstract sealed class OrderStock permits OrderStock.InTheStore, OrderStock.KeptByAService {

    /**
     * @param service the service that keeps the stock, or {@code null} for the orders' own store
     * @param lowStock when a sale in the orders' own store publishes {@link dev.cartwright.inventory.StockLow}
     */
    static OrderStock of(StockService service, LowStockThreshold lowStock) {
        return service == null ? new InTheStore(lowStock) : new KeptByAService(service);
    }

    /** @return whether the stock is the orders' own store's, where the calls around transactions do nothing */
    abstract boolean keptInTheStore();

    /**
     * Before transaction 1, with no transaction open: holds the order's units where they are kept, and sells
     * them at once if the order will be placed paid (a free one), as no payment will confirm it.
     *
     * @throws InsufficientStockException if they are not there
     */
    abstract void hold(OrderId order, Map<Sku, Long> units, boolean free, Instant until);

    /**
     * In transaction 1: takes the order's units in the orders' own store, as {@link #hold} held them elsewhere.
     *
     * @param held the units {@link #hold} held, which a retried transaction must still order
     */
    abstract void take(CheckoutRepositories repositories, Map<Sku, Long> units, Map<Sku, Long> held, Instant now);

    /**
     * After transaction 1 failed: gives back what {@link #hold} took unless {@code placed} finds the order stored
     * after all (a commit whose answer was lost). Never throws: holds left behind lapse on their own.
     */
    abstract void abandonUnlessPlaced(OrderId order, Set<Sku> skus, BooleanSupplier placed);

    /**
     * With no transaction open, before the transaction that confirms a paid order: sells what it holds.
     *
     * @throws InsufficientStockException if its holds are gone (lapsed, or given back by a cancel)
     */
    abstract void confirm(Order order);

    /**
     * With no transaction open, before the transaction that cancels the order: gives back what it took. A cancel
     * that fails after this leaves the order holding nothing; its payment, if one comes, then finds no stock to
     * confirm, and the order is cancelled and the money given back ({@link LateAnswers}).
     */
    abstract void release(Order order);

    /** In the transaction that cancels or refunds: returns sold units to the orders' own store. */
    abstract void returnUnits(CheckoutRepositories repositories, OrderId order, Map<Sku, Long> units, Instant now);

    /**
     * With no transaction open, after the gateway refunded and before the transaction that records the refund:
     * returns the refund's units where they are kept, as the return {@code returnId}, which a retry of the refund
     * repeats harmlessly. Units the stock no longer counts as sold to the order (a concurrent refund returned them
     * first) are not returned, as {@link #returnUnits} skips them: the money has moved, so the refund is recorded.
     *
     * @return the units to count as returned on the order's lines, which the transaction bounds by what each line
     *     has left; for the orders' own store, all of {@code units}, which {@link #returnUnits} then returns
     * @throws dev.cartwright.inventory.StockServiceException if the service's answer is unknown
     */
    abstract Map<Sku, Long> returnRefunded(Order order, String returnId, Map<Sku, Long> units);

    /** The default: stock sold in transaction 1, in the orders' own store. */
    static final class InTheStore extends OrderStock {

        private final LowStockThreshold lowStock;

        InTheStore(LowStockThreshold lowStock) {
            this.lowStock = lowStock;
        }

        @Override
        boolean keptInTheStore() {
            return true;
        }

        @Override
        void hold(OrderId order, Map<Sku, Long> units, boolean free, Instant until) {
        }

        @Override
        void take(CheckoutRepositories repositories, Map<Sku, Long> units, Map<Sku, Long> held, Instant now) {
            ReservationAttempt sale = repositories.stock().trySellAll(units, now);
            if (!sale.recorded()) {
                throw InsufficientStockException.firstShort(units, sale);
            }
            lowStock.publishCrossings(repositories, units, sale, now);
        }

        @Override
        void abandonUnlessPlaced(OrderId order, Set<Sku> skus, BooleanSupplier placed) {
        }

        @Override
        void confirm(Order order) {
        }

        @Override
        void release(Order order) {
        }

        @Override
        void returnUnits(CheckoutRepositories repositories, OrderId order, Map<Sku, Long> units, Instant now) {
            Cancellation.returnSold(repositories, order, units, now);
        }

        @Override
        Map<Sku, Long> returnRefunded(Order order, String returnId, Map<Sku, Long> units) {
            return units;
        }
    }

    /**
     * Stock kept by another service: held under the order's id before transaction 1, sold before the transaction
     * that confirms the order, given back before the one that cancels it. Each call is repeated by whatever
     * repeats the workflow (a retried call, {@code recover()}, the expiry sweep), which the service's
     * idempotency makes safe.
     */
    static final class KeptByAService extends OrderStock {

        /**
         * How long a hold outlives its order's payment window: the expiry sweep gives it back before then, so it
         * lapses on its own only where an order never committed (a crash between the hold and transaction 1).
         */
        static final Duration HOLD_BEYOND_PAYMENT_WINDOW = Duration.ofDays(1);

        private static final Logger LOG = LoggerFactory.getLogger(KeptByAService.class);

        private final StockService service;

        KeptByAService(StockService service) {
            this.service = service;
        }

        @Override
        boolean keptInTheStore() {
            return false;
        }

        @Override
        void hold(OrderId order, Map<Sku, Long> units, boolean free, Instant until) {
            call(() -> service.reserve(keyOf(order), units, until.plus(HOLD_BEYOND_PAYMENT_WINDOW)));
            if (free) {
                call(() -> service.confirm(keyOf(order), units.keySet()));
            }
        }

        @Override
        void take(CheckoutRepositories repositories, Map<Sku, Long> units, Map<Sku, Long> held, Instant now) {
            if (!units.equals(held)) {
                throw CommerceException.conflict("the order's lines changed while it was being placed");
            }
        }

        @Override
        void abandonUnlessPlaced(OrderId order, Set<Sku> skus, BooleanSupplier placed) {
            try {
                if (!placed.getAsBoolean()) {
                    call(() -> service.release(keyOf(order), skus));
                }
            } catch (RuntimeException e) {
                LOG.warn("could not give back the holds of order {}, which was never placed; they lapse on their"
                        + " own", order, e);
            }
        }

        @Override
        void confirm(Order order) {
            call(() -> service.confirm(keyOf(order.id()), skusOf(order)));
        }

        @Override
        void release(Order order) {
            call(() -> service.release(keyOf(order.id()), skusOf(order)));
        }

        @Override
        void returnUnits(CheckoutRepositories repositories, OrderId order, Map<Sku, Long> units, Instant now) {
        }

        @Override
        Map<Sku, Long> returnRefunded(Order order, String returnId, Map<Sku, Long> units) {
            Map<Sku, Long> left = new TreeMap<>(units);
            while (!left.isEmpty()) {
                try {
                    call(() -> service.returnSold(keyOf(order.id()), returnId, left));
                    return left;
                } catch (ReturnExceedsSoldException e) {
                    if (!left.containsKey(e.sku()) || e.sold() >= left.get(e.sku())) {
                        throw e;
                    }
                    LOG.warn("order {} returns {} of {} but the stock service counts only {} still sold to it;"
                            + " returning those", order.id(), e.returned(), e.sku(), e.sold());
                    if (e.sold() > 0) {
                        left.put(e.sku(), e.sold());
                    } else {
                        left.remove(e.sku());
                    }
                } catch (CommerceException e) {
                    if (e.code() != ErrorCode.CONFLICT || !e.field().equals(Optional.of("returnId"))) {
                        throw e;
                    }
                    // An earlier attempt of this refund, whose answer was lost, returned fewer units than asked
                    // (a concurrent refund had returned some first); the service counts what it took back.
                    LOG.warn("order {}: return {} was made by an earlier attempt, of other units than {}",
                            order.id(), returnId, left, e);
                    return left;
                }
            }
            return left;
        }

        private static String keyOf(OrderId order) {
            return order.toString();
        }

        private static Set<Sku> skusOf(Order order) {
            Set<Sku> skus = new TreeSet<>();
            order.lines().forEach(line -> skus.add(line.sku()));
            return skus;
        }

        /** Runs a call to the service; anything but an answer means its outcome is unknown. */
        private static void call(Runnable call) {
            try {
                call.run();
            } catch (CommerceException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new StockServiceException("the stock service did not answer: " + e, e);
            }
        }
    }
}
