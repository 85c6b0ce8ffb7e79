package dev.cartwright.order;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Totals;

/**
 * The sums of an order, as priced at checkout. Immutable and thread-safe; {@link Order} checks that they
 * agree with its lines.
 *
 * @param subtotal the sum of the lines' subtotals
 * @param discountTotal the sum of the lines' discounts
 * @param taxTotal the sum of the lines' tax plus {@code shippingTax}
 * @param shipping the shipping charge
 * @param shippingTax the tax on (or in) the shipping charge
 * @param grandTotal what the customer pays
 * @param pricesIncludeTax whether the amounts include tax
 */
public record OrderTotals(Money subtotal, Money discountTotal, Money taxTotal, Money shipping, Money shippingTax,
        Money grandTotal, boolean pricesIncludeTax) {

    /** Checks that no part is missing. */
    public OrderTotals {
        Validate.notNull(subtotal, "subtotal");
        Validate.notNull(discountTotal, "discountTotal");
        Validate.notNull(taxTotal, "taxTotal");
        Validate.notNull(shipping, "shipping");
        Validate.notNull(shippingTax, "shippingTax");
        Validate.notNull(grandTotal, "grandTotal");
    }

    /**
     * @param totals what the price calculator computed
     * @return its sums
     */
    public static OrderTotals of(Totals totals) {
        return new OrderTotals(totals.subtotal(), totals.discountTotal(), totals.taxTotal(), totals.shipping(),
                totals.shippingTax(), totals.grandTotal(), totals.pricesIncludeTax());
    }
}
