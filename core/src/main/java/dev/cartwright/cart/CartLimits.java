package dev.cartwright.cart;

import dev.cartwright.error.Validate;

/**
 * How large a cart may grow; exceeding a limit fails with {@code LIMIT_EXCEEDED}. Immutable and thread-safe.
 *
 * @param maxQuantityPerLine the largest quantity of one SKU (field {@code quantity} when exceeded)
 * @param maxLines the most distinct SKUs in one cart (field {@code lines} when exceeded)
 */
public record CartLimits(int maxQuantityPerLine, int maxLines) {

    /** The defaults: 99 per line, 100 lines. */
    public static final CartLimits DEFAULT = new CartLimits(99, 100);

    /** Validates the limits. */
    public CartLimits {
        Validate.between(maxQuantityPerLine, "maxQuantityPerLine", 1, 1_000_000);
        Validate.between(maxLines, "maxLines", 1, 10_000);
    }
}
