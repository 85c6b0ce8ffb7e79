package dev.cartwright.benchmarks;

import java.util.List;

/**
 * Something that can sell stock: Cartwright over one store, or one of the hand-written baselines. The load driver
 * calls {@link #checkout} from many threads at once.
 */
interface CheckoutSystem extends AutoCloseable {

    /** @return a short label for tables, such as {@code "cartwright"} or {@code "raw JDBC, minimal"} */
    String label();

    /**
     * Creates the products (priced 10.00 EUR each) and puts {@code units} of each on hand.
     *
     * @param skus the SKUs
     * @param units the stock of each
     */
    void stock(List<String> skus, long units);

    /**
     * Buys one unit of each SKU as one order, paid by card, and fails if it was not sold.
     *
     * @param skus the lines, in any order
     * @param key a key unique to this checkout
     */
    void checkout(List<String> skus, String key);

    /**
     * @param sku a SKU given to {@link #stock}
     * @return its units on hand and sold, as {@code {onHand, sold}}
     */
    long[] onHandAndSold(String sku);

    /** Called between measured runs, never during one: may drop what the next run does not need. */
    default void betweenRuns() {
    }

    @Override
    void close();
}
