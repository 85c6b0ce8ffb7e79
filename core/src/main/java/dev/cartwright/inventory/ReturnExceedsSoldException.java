package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link ErrorCode#INSUFFICIENT_STOCK} on field {@code quantity}: a return of sold units
 * ({@link StockRepository#returnSoldAll}) asked to put back more units of a SKU than it has sold, so sold would
 * go below zero. Naming the SKU lets a caller returning several lines tell which one is wrong. Immutable.
 *
 * <p>The code is the one a downward adjustment past zero gets: both take units from a count that does not hold
 * them, and a database's CHECK constraint on the same count reports the same code.
 */
public final class ReturnExceedsSoldException extends CommerceException {

    private static final long serialVersionUID = 1L;

    private final String sku;
    private final long returned;
    private final long sold;

    /**
     * @param sku the SKU whose return was refused
     * @param returned the units asked to be returned
     * @param sold the units the SKU had sold
     */
    public ReturnExceedsSoldException(Sku sku, long returned, long sold) {
        super(ErrorCode.INSUFFICIENT_STOCK, "quantity", "cannot return " + returned + " units of " + sku
                + ": " + sold + " sold", null);
        this.sku = sku.value();
        this.returned = returned;
        this.sold = sold;
    }

    /**
     * The check every {@link StockRepository#returnSoldAll} makes before it writes: validates the quantities
     * and finds the first SKU, in SKU order, that has sold fewer units than it would return.
     *
     * @param quantities the units to return by SKU
     * @param sold the units sold by SKU, as read under the SKUs' locks; SKUs never stocked may be absent
     * @return the refusal, or empty if every SKU has sold enough
     * @throws CommerceException {@code VALIDATION} if {@code quantities} is null or holds a null SKU, or
     *     (field {@code quantity}) a null quantity or one below one
     */
    public static Optional<ReturnExceedsSoldException> firstOver(Map<Sku, Long> quantities, Map<Sku, Long> sold) {
        Validate.notNull(quantities, "quantities");
        for (Map.Entry<Sku, Long> line : new TreeMap<>(validated(quantities)).entrySet()) {
            long soldOfSku = sold.getOrDefault(line.getKey(), 0L);
            if (soldOfSku < line.getValue()) {
                return Optional.of(new ReturnExceedsSoldException(line.getKey(), line.getValue(), soldOfSku));
            }
        }
        return Optional.empty();
    }

    /**
     * @param quantities the units to return by SKU
     * @return the same map, once every SKU and quantity is checked
     * @throws CommerceException {@code VALIDATION} as {@link #firstOver} does
     */
    public static Map<Sku, Long> validated(Map<Sku, Long> quantities) {
        Validate.notNull(quantities, "quantities");
        for (Map.Entry<Sku, Long> line : quantities.entrySet()) {
            Validate.notNull(line.getKey(), "sku");
            Validate.positive(Validate.notNull(line.getValue(), "quantity"), "quantity");
        }
        return quantities;
    }

    /** @return the SKU whose return was refused */
    public Sku sku() {
        return Sku.of(sku);
    }

    /** @return the units asked to be returned */
    public long returned() {
        return returned;
    }

    /** @return the units the SKU had sold when the return was refused */
    public long sold() {
        return sold;
    }
}
