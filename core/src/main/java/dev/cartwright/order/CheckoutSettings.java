package dev.cartwright.order;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.LowStockThreshold;
import java.time.Duration;

/**
 * How checkout behaves. Immutable and thread-safe.
 *
 * @param orderPaymentTimeout how long a placed order waits for an approved payment before
 *     {@link Checkout#expireUnpaid()} cancels it; its stock stays allocated to it until then. 1 minute to 14 days
 * @param captureOnCheckout whether checkout captures the payment with its authorization, instead of only
 *     authorizing it for staff to capture at shipping
 * @param lowStockThreshold when checkout's sales publish {@link dev.cartwright.inventory.StockLow}
 */
public record CheckoutSettings(Duration orderPaymentTimeout, boolean captureOnCheckout,
        LowStockThreshold lowStockThreshold) {

    /** The longest payment window. */
    public static final Duration MAX_PAYMENT_TIMEOUT = Duration.ofDays(14);

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} (field {@code orderPaymentTimeout}) if out of range
     */
    public CheckoutSettings {
        Validate.notNull(orderPaymentTimeout, "orderPaymentTimeout");
        if (orderPaymentTimeout.compareTo(Duration.ofMinutes(1)) < 0
                || orderPaymentTimeout.compareTo(MAX_PAYMENT_TIMEOUT) > 0) {
            throw CommerceException.invalid("orderPaymentTimeout", "must be between 1 minute and 14 days");
        }
        Validate.notNull(lowStockThreshold, "lowStockThreshold");
    }

    /**
     * Settings with the {@link LowStockThreshold#DEFAULT} threshold.
     *
     * @param orderPaymentTimeout the payment window
     * @param captureOnCheckout whether to capture at checkout
     * @throws CommerceException {@code VALIDATION} (field {@code orderPaymentTimeout}) if out of range
     */
    public CheckoutSettings(Duration orderPaymentTimeout, boolean captureOnCheckout) {
        this(orderPaymentTimeout, captureOnCheckout, LowStockThreshold.DEFAULT);
    }

    /** @return 30 minutes to pay, authorization only, a low-stock threshold of 5 */
    public static CheckoutSettings defaults() {
        return new CheckoutSettings(Duration.ofMinutes(30), false);
    }

    /**
     * @param timeout the new payment window
     * @return a copy with it
     */
    public CheckoutSettings withOrderPaymentTimeout(Duration timeout) {
        return new CheckoutSettings(timeout, captureOnCheckout, lowStockThreshold);
    }

    /**
     * @param capture whether to capture at checkout
     * @return a copy with it
     */
    public CheckoutSettings withCaptureOnCheckout(boolean capture) {
        return new CheckoutSettings(orderPaymentTimeout, capture, lowStockThreshold);
    }

    /**
     * @param threshold when checkout's reservations publish {@link dev.cartwright.inventory.StockLow}
     * @return a copy with it
     */
    public CheckoutSettings withLowStockThreshold(LowStockThreshold threshold) {
        return new CheckoutSettings(orderPaymentTimeout, captureOnCheckout, threshold);
    }
}
