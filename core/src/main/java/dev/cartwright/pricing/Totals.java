package dev.cartwright.pricing;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.Currency;
import java.util.List;

/**
 * A priced order: its lines and its sums, in one currency. Immutable and thread-safe.
 *
 * <p>Every sum is the exact sum of its lines' parts: {@code subtotal}, {@code discountTotal} and the lines'
 * share of {@code taxTotal} add up the lines' {@code subtotal}, {@code discount} and {@code tax}, and
 * {@code taxTotal} also holds {@code shippingTax}. With tax-exclusive prices
 * {@code grandTotal = subtotal - discountTotal + taxTotal + shipping}; with tax-inclusive prices the tax is
 * already in the amounts and {@code grandTotal = subtotal - discountTotal + shipping}. In both cases
 * {@code grandTotal} is the sum of the lines' {@code total} plus the shipping charge (with its tax).
 *
 * @param currency the currency of every amount
 * @param lines the lines, in the order asked for
 * @param subtotal the sum of the lines' subtotals, before discounts
 * @param discountTotal the sum of the lines' discounts
 * @param taxTotal the sum of the lines' tax plus the shipping tax
 * @param shipping the shipping charge, net or gross as the prices are
 * @param shippingTax the tax on or in the shipping charge
 * @param grandTotal what the customer pays
 * @param pricesIncludeTax whether the amounts include tax
 * @param appliedPromotions the promotions that took something off, and how much
 */
public record Totals(
        Currency currency,
        List<LineTotal> lines,
        Money subtotal,
        Money discountTotal,
        Money taxTotal,
        Money shipping,
        Money shippingTax,
        Money grandTotal,
        boolean pricesIncludeTax,
        List<AppliedPromotion> appliedPromotions) {

    /** Checks that no part is missing and copies the lists. */
    public Totals {
        Validate.notNull(currency, "currency");
        lines = List.copyOf(Validate.noNulls(lines, "lines"));
        Validate.notNull(subtotal, "subtotal");
        Validate.notNull(discountTotal, "discountTotal");
        Validate.notNull(taxTotal, "taxTotal");
        Validate.notNull(shipping, "shipping");
        Validate.notNull(shippingTax, "shippingTax");
        Validate.notNull(grandTotal, "grandTotal");
        appliedPromotions = List.copyOf(Validate.noNulls(appliedPromotions, "appliedPromotions"));
    }
}
