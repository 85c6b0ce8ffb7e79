package dev.cartwright.pricing;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.math.BigDecimal;

/**
 * What a {@link Promotion} takes off. Immutable and thread-safe.
 */
public sealed interface Discount permits Discount.PercentageOff, Discount.AmountOff, Discount.BuyXGetY {

    /**
     * A percentage off the order's subtotal (after line-level discounts), allocated across the lines.
     *
     * @param percent more than 0 and at most 100, such as {@code 10} or {@code 12.5}
     */
    record PercentageOff(BigDecimal percent) implements Discount {

        /** Validates the percentage. */
        public PercentageOff {
            Validate.notNull(percent, "percent");
            if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw CommerceException.invalid("percent", "must be more than 0 and at most 100");
            }
        }
    }

    /**
     * A fixed amount off the order, never more than what is left of the subtotal, allocated across the lines.
     * Applies only to orders in the amount's currency.
     *
     * @param amount a positive amount
     */
    record AmountOff(Money amount) implements Discount {

        /** Validates the amount. */
        public AmountOff {
            Validate.notNull(amount, "amount");
            if (!amount.isPositive()) {
                throw CommerceException.invalid("amount", "must be greater than zero");
            }
        }
    }

    /**
     * For every {@code buy + get} units of one SKU on a line, {@code get} of them are free.
     *
     * @param sku the SKU it applies to
     * @param buy how many units are paid for in each group, at least 1
     * @param get how many units are free in each group, at least 1
     */
    record BuyXGetY(Sku sku, int buy, int get) implements Discount {

        /** Validates the counts. */
        public BuyXGetY {
            Validate.notNull(sku, "sku");
            Validate.between(buy, "buy", 1, 1_000_000);
            Validate.between(get, "get", 1, 1_000_000);
        }
    }
}
