package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.util.List;
import java.util.Map;

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

    /**
     * The error for a refused {@link StockRepository#tryReserveAll}: names the first SKU, in SKU order, that was
     * short.
     *
     * @param reservations the reservations that were attempted
     * @param attempt the refusal
     * @return the error
     * @throws IllegalArgumentException if the attempt was recorded, or no reservation was short
     */
    public static InsufficientStockException firstShort(List<Reservation> reservations, ReservationAttempt attempt) {
        return firstShort(Reservation.unitsBySku(reservations), attempt);
    }

    /**
     * The error for a refused {@link StockRepository#trySellAll} (or reservation): names the first SKU, in SKU
     * order, that was short.
     *
     * @param quantities the units a refused sale asked for, by SKU
     * @param attempt the refused sale's answer
     * @return the exception naming the first SKU, in SKU order, that was short
     * @throws IllegalArgumentException if the sale was not refused or no SKU was short
     */
    public static InsufficientStockException firstShort(Map<Sku, Long> quantities, ReservationAttempt attempt) {
        if (attempt.recorded()) {
            throw new IllegalArgumentException("the units asked for were recorded");
        }
        return quantities.entrySet().stream()
                .filter(entry -> attempt.availableBefore(entry.getKey()) < entry.getValue())
                .min(Map.Entry.comparingByKey())
                .map(shortOne -> new InsufficientStockException(shortOne.getKey(), shortOne.getValue(),
                        attempt.availableBefore(shortOne.getKey())))
                .orElseThrow(() -> new IllegalArgumentException("no SKU was short"));
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
