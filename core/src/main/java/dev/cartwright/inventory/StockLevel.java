package dev.cartwright.inventory;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;

/**
 * The stock of one SKU at one instant. Immutable and thread-safe.
 *
 * <p>Units on hand are either reserved or available; sold units have left. For every SKU, all units
 * received plus net adjustments equal {@code available + reserved + sold}.
 *
 * @param sku the SKU
 * @param onHand units in stock and not yet sold, reserved or not
 * @param reserved units held by live (unexpired, uncommitted, unreleased) reservations
 * @param available units that can be reserved: {@code onHand - reserved}, never below zero
 * @param sold units taken by committed reservations
 */
public record StockLevel(Sku sku, long onHand, long reserved, long available, long sold) {

    /**
     * Validates the arithmetic.
     *
     * @throws CommerceException {@code VALIDATION} if a count is negative, more is reserved than on
     *     hand, or {@code available != onHand - reserved}
     */
    public StockLevel {
        Validate.notNull(sku, "sku");
        Validate.notNegative(onHand, "onHand");
        Validate.notNegative(reserved, "reserved");
        Validate.notNegative(sold, "sold");
        if (reserved > onHand) {
            throw CommerceException.invalid("reserved", "must not exceed onHand");
        }
        if (available != onHand - reserved) {
            throw CommerceException.invalid("available", "must be onHand - reserved");
        }
    }

    /**
     * @param sku the SKU
     * @param onHand units on hand
     * @param reserved units held by live reservations
     * @param sold units sold
     * @return the level, with {@code available} computed
     * @throws CommerceException {@code VALIDATION} if a count is negative or more is reserved than on hand
     */
    public static StockLevel of(Sku sku, long onHand, long reserved, long sold) {
        Validate.notNegative(reserved, "reserved");
        return new StockLevel(sku, onHand, reserved, onHand - reserved, sold);
    }

    /**
     * @param sku the SKU
     * @return the level of a SKU never stocked: all zeros
     */
    public static StockLevel empty(Sku sku) {
        return new StockLevel(sku, 0, 0, 0, 0);
    }
}
