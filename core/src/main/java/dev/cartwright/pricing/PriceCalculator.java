package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices an order: line subtotals, promotions, tax and shipping. Pure and stateless, so one instance
 * serves every thread.
 *
 * <p>Promotions that {@linkplain Promotion#appliesTo apply} (judged on the subtotal before discounts) all
 * stack, in this order: {@link Discount.BuyXGetY} on their lines first, then {@link Discount.PercentageOff}
 * on what is left of the order, then {@link Discount.AmountOff} (never more than what is left); within a
 * kind, by promotion id. An order-level discount is allocated across the lines with
 * {@link Money#allocate(List)}, weighted by what is left of each line, so every minor unit lands on a line
 * and no line goes below zero. Tax is then computed per line on its discounted amount, as
 * {@link TaxPolicy} describes, and the shipping charge is taxed at the rate of its own tax class.
 */
public final class PriceCalculator {

    private static final Comparator<Promotion> APPLICATION_ORDER = Comparator
            .comparingInt((Promotion promotion) -> rank(promotion.discount()))
            .thenComparing(promotion -> promotion.id().value());

    /** Creates a calculator; it holds no state. */
    public PriceCalculator() {
    }

    /**
     * @param request the lines, candidate promotions, destination, shipping and tax policy
     * @return the totals
     * @throws CommerceException {@code VALIDATION} if the request is null or the shipping option does not
     *     ship to the destination (field {@code destination}); {@code CURRENCY_MISMATCH} if a line or the
     *     shipping rate is in another currency than the request; {@code ARITHMETIC_OVERFLOW} if an amount
     *     does not fit
     */
    public Totals price(PriceRequest request) {
        Validate.notNull(request, "request");
        Currency currency = request.currency();
        List<PricedLine> lines = request.lines();
        Money zero = Money.zero(currency);
        int size = lines.size();
        Money[] subtotals = new Money[size];
        Money[] discounts = new Money[size];
        Money subtotal = zero;
        for (int i = 0; i < size; i++) {
            PricedLine line = lines.get(i);
            requireCurrency(line.unitPrice(), currency);
            subtotals[i] = line.unitPrice().times(line.quantity());
            discounts[i] = zero;
            subtotal = subtotal.plus(subtotals[i]);
        }

        Map<PromotionId, Promotion> candidates = new LinkedHashMap<>();
        for (Promotion promotion : request.promotions()) {
            if (promotion.appliesTo(subtotal, request.at())) {
                candidates.putIfAbsent(promotion.id(), promotion);
            }
        }
        List<Promotion> applicable = new ArrayList<>(candidates.values());
        applicable.sort(APPLICATION_ORDER);
        List<AppliedPromotion> applied = new ArrayList<>();
        for (Promotion promotion : applicable) {
            Money taken = apply(promotion.discount(), lines, subtotals, discounts, zero);
            if (taken.isPositive()) {
                applied.add(new AppliedPromotion(promotion.id(), promotion.name(), promotion.code(), taken));
            }
        }

        TaxPolicy taxPolicy = request.taxPolicy();
        boolean inclusive = taxPolicy.pricesIncludeTax();
        List<LineTotal> lineTotals = new ArrayList<>(size);
        Money discountTotal = zero;
        Money taxTotal = zero;
        Money linesTotal = zero;
        for (int i = 0; i < size; i++) {
            PricedLine line = lines.get(i);
            Money discounted = subtotals[i].minus(discounts[i]);
            Money tax = taxPolicy.taxOn(discounted, taxPolicy.rateFor(request.destination(), line.taxClass()));
            Money total = inclusive ? discounted : discounted.plus(tax);
            lineTotals.add(new LineTotal(line.sku(), line.quantity(), line.unitPrice(), subtotals[i], discounts[i],
                    tax, total));
            discountTotal = discountTotal.plus(discounts[i]);
            taxTotal = taxTotal.plus(tax);
            linesTotal = linesTotal.plus(total);
        }

        Money shipping = zero;
        Money shippingTax = zero;
        if (request.shippingOption().isPresent()) {
            ShippingOption option = request.shippingOption().get();
            shipping = option.rateFor(request.destination()).orElseThrow(() -> CommerceException.invalid(
                    "destination", "is not served by shipping option " + option.id()));
            requireCurrency(shipping, currency);
            shippingTax = taxPolicy.taxOn(shipping, taxPolicy.rateFor(request.destination(), option.taxClass()));
        }
        Money shippingTotal = inclusive ? shipping : shipping.plus(shippingTax);
        return new Totals(currency, lineTotals, subtotal, discountTotal, taxTotal.plus(shippingTax), shipping,
                shippingTax, linesTotal.plus(shippingTotal), inclusive, applied);
    }

    private static Money apply(Discount discount, List<PricedLine> lines, Money[] subtotals, Money[] discounts,
            Money zero) {
        if (discount instanceof Discount.BuyXGetY buyXGetY) {
            Money taken = zero;
            for (int i = 0; i < lines.size(); i++) {
                PricedLine line = lines.get(i);
                if (!line.sku().equals(buyXGetY.sku())) {
                    continue;
                }
                long freeUnits = line.quantity() / (buyXGetY.buy() + (long) buyXGetY.get()) * buyXGetY.get();
                Money lineDiscount = line.unitPrice().times(freeUnits).min(subtotals[i].minus(discounts[i]));
                discounts[i] = discounts[i].plus(lineDiscount);
                taken = taken.plus(lineDiscount);
            }
            return taken;
        }
        List<Long> remaining = new ArrayList<>(lines.size());
        Money remainingTotal = zero;
        for (int i = 0; i < lines.size(); i++) {
            Money left = subtotals[i].minus(discounts[i]);
            remaining.add(left.minorUnits());
            remainingTotal = remainingTotal.plus(left);
        }
        if (!remainingTotal.isPositive()) {
            return zero;
        }
        Money orderDiscount;
        if (discount instanceof Discount.PercentageOff percentageOff) {
            orderDiscount = remainingTotal.times(percentageOff.percent().movePointLeft(2)).min(remainingTotal);
        } else {
            orderDiscount = ((Discount.AmountOff) discount).amount().min(remainingTotal);
        }
        List<Money> shares = orderDiscount.allocate(remaining);
        for (int i = 0; i < lines.size(); i++) {
            discounts[i] = discounts[i].plus(shares.get(i));
        }
        return orderDiscount;
    }

    private static int rank(Discount discount) {
        if (discount instanceof Discount.BuyXGetY) {
            return 0;
        }
        return discount instanceof Discount.PercentageOff ? 1 : 2;
    }

    private static void requireCurrency(Money amount, Currency currency) {
        if (!amount.currency().equals(currency)) {
            throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "cannot price " + amount + " in an order in "
                    + currency.getCurrencyCode());
        }
    }
}
