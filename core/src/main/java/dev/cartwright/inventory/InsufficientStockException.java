package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;

/**
 * {@link ErrorCode#INSUFFICIENT_STOCK}, naming the SKU that is short, so a checkout can tell its
 * customer which line to change.
 */
public final class InsufficientStockException extends CommerceException {

    private static final long serialVersionUID = 1L;

    private final String sku;
    private final long requested;
    private final long available;

    /**
     * @param sku the SKU that is short
     * @param requested the units asked for (for an adjustment, the units to take away)
     * @param available the units that could have been taken
     */
    public InsufficientStockException(Sku sku, long requested, long available) {
        super(ErrorCode.INSUFFICIENT_STOCK, "sku", "insufficient stock of " + sku + ": requested "
                + requested + ", available " + available, null);
        this.sku = sku.value();
        this.requested = requested;
        this.available = available;
    }

    /** @return the SKU that is short */
    public Sku sku() {
        return Sku.of(sku);
    }

    /** @return the units asked for */
    public long requested() {
        return requested;
    }

    /** @return the units that could have been taken when the request failed */
    public long available() {
        return available;
    }
}
