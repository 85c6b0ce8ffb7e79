package dev.cartwright.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class PriceCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Destination DE = Destination.country("DE");
    private static final TaxPolicy GERMANY = TaxPolicy.builder()
            .rate("DE", null, "standard", new BigDecimal("0.19"))
            .rate("DE", null, "reduced", new BigDecimal("0.07"))
            .build();

    private final PriceCalculator calculator = new PriceCalculator();

    @Test
    void exclusiveTaxIsComputedOnTheDiscountedLine() {
        Totals totals = price(GERMANY, List.of(line("MUG", "10.00", 2, "standard")),
                List.of(promotion(new Discount.PercentageOff(BigDecimal.TEN))), Optional.empty());

        LineTotal line = totals.lines().get(0);
        assertThat(line.subtotal()).isEqualTo(eur("20.00"));
        assertThat(line.discount()).isEqualTo(eur("2.00"));
        assertThat(line.tax()).isEqualTo(eur("3.42"));
        assertThat(line.total()).isEqualTo(eur("21.42"));
        assertThat(totals.grandTotal()).isEqualTo(eur("21.42"));
        assertThat(totals.appliedPromotions()).singleElement()
                .satisfies(applied -> assertThat(applied.amount()).isEqualTo(eur("2.00")));
    }

    @Test
    void inclusiveTaxIsTheShareOfTheGrossAmount() {
        TaxPolicy inclusive = TaxPolicy.builder().pricesIncludeTax(true)
                .rate("DE", null, "standard", new BigDecimal("0.19")).build();

        Totals totals = price(inclusive, List.of(line("MUG", "11.90", 1, "standard")), List.of(), Optional.empty());

        assertThat(totals.taxTotal()).isEqualTo(eur("1.90"));
        assertThat(totals.grandTotal()).isEqualTo(eur("11.90"));
        assertThat(totals.pricesIncludeTax()).isTrue();
    }

    @Test
    void regionalRateWinsOverTheCountryRateAndMissingRatesAreZero() {
        TaxPolicy us = TaxPolicy.builder()
                .rate("US", null, "standard", new BigDecimal("0.05"))
                .rate("US", "CA", "standard", new BigDecimal("0.0725"))
                .build();

        assertThat(us.rateFor(Destination.of("US", "CA"), "standard")).isEqualByComparingTo("0.0725");
        assertThat(us.rateFor(Destination.of("US", "NY"), "standard")).isEqualByComparingTo("0.05");
        assertThat(us.rateFor(Destination.country("US"), "standard")).isEqualByComparingTo("0.05");
        assertThat(us.rateFor(Destination.country("FR"), "standard")).isEqualByComparingTo("0");
        assertThat(us.rateFor(Destination.country("US"), "reduced")).isEqualByComparingTo("0");
    }

    @Test
    void taxPolicyRejectsBadRatesNamingTheField() {
        assertThatThrownBy(() -> TaxPolicy.builder().rate("DE", null, "standard", new BigDecimal("1.5")))
                .satisfies(e -> assertValidation(e, "rate"));
        assertThatThrownBy(() -> TaxPolicy.builder().rate("de", null, "standard", BigDecimal.ONE))
                .satisfies(e -> assertValidation(e, "country"));
        assertThatThrownBy(() -> TaxPolicy.builder().rate("DE", null, "standard", BigDecimal.ONE)
                .rate("DE", null, "standard", BigDecimal.ZERO))
                .satisfies(e -> assertValidation(e, "rate"));
    }

    @Test
    void aRateOfOneHundredPercentIsAllowedAndANegativeRateIsRefused() {
        TaxPolicy full = TaxPolicy.builder().rate("DE", null, "standard", BigDecimal.ONE).build();
        Totals totals = price(full, List.of(line("A", "10.00", 1, "standard")), List.of(), Optional.empty());
        assertThat(totals.taxTotal()).isEqualTo(eur("10.00"));
        assertThat(totals.grandTotal()).isEqualTo(eur("20.00"));

        assertThatThrownBy(() -> TaxPolicy.builder().rate("DE", null, "standard", new BigDecimal("-0.01")))
                .satisfies(e -> assertValidation(e, "rate"));
        assertThatThrownBy(() -> TaxPolicy.builder().rate("DE", null, "standard", new BigDecimal("1.0001")))
                .satisfies(e -> assertValidation(e, "rate"));
        assertThat(TaxPolicy.builder().rate("DE", null, "standard", BigDecimal.ZERO).build()
                .rateFor(DE, "standard")).isEqualByComparingTo("0");
    }

    @Test
    void aHundredPercentOffIsAllowedAndTakesEverything() {
        Totals totals = price(GERMANY, List.of(line("A", "10.00", 2, "standard"), line("B", "0.99", 1, "reduced")),
                List.of(promotion(new Discount.PercentageOff(BigDecimal.valueOf(100)))), Optional.empty());

        assertThat(totals.discountTotal()).isEqualTo(eur("20.99"));
        assertThat(totals.taxTotal()).isEqualTo(eur("0.00"));
        assertThat(totals.grandTotal()).isEqualTo(eur("0.00"));
        assertThat(totals.appliedPromotions()).singleElement()
                .satisfies(applied -> assertThat(applied.amount()).isEqualTo(eur("20.99")));
    }

    @Test
    void percentagesOutsideMoreThanZeroToOneHundredAreRefused() {
        for (String percent : List.of("0", "-1", "100.01")) {
            assertThatThrownBy(() -> new Discount.PercentageOff(new BigDecimal(percent)))
                    .as(percent).satisfies(e -> assertValidation(e, "percent"));
        }
        assertThat(new Discount.PercentageOff(new BigDecimal("0.01")).percent()).isEqualByComparingTo("0.01");
        assertThatThrownBy(() -> new Discount.AmountOff(eur("0.00"))).satisfies(e -> assertValidation(e, "amount"));
    }

    @Test
    void aPromotionThatTakesNothingIsNotApplied() {
        Promotion everything = promotion(new Discount.PercentageOff(BigDecimal.valueOf(100)));
        Promotion nothingLeft = promotion(new Discount.AmountOff(eur("1.00")));
        Promotion otherSku = promotion(new Discount.BuyXGetY(Sku.of("OTHER"), 1, 1));

        Totals totals = price(TaxPolicy.none(), List.of(line("A", "10.00", 1, "standard")),
                List.of(otherSku, nothingLeft, everything), Optional.empty());

        assertThat(totals.appliedPromotions()).extracting(AppliedPromotion::id).containsExactly(everything.id());
        assertThat(totals.grandTotal()).isEqualTo(eur("0.00"));
    }

    @Test
    void buyXGetYAppliesBeforePercentagesAndPercentagesBeforeAmountsWhateverTheirIds() {
        Promotion amount = promotion(new PromotionId(new UUID(0, 1)), new Discount.AmountOff(eur("1.00")));
        Promotion percentage = promotion(new PromotionId(new UUID(0, 2)), new Discount.PercentageOff(BigDecimal.valueOf(50)));
        Promotion threeForTwo = promotion(new PromotionId(new UUID(0, 3)), new Discount.BuyXGetY(Sku.of("SOCK"), 2, 1));

        Totals totals = price(TaxPolicy.none(), List.of(line("SOCK", "4.00", 3, "standard")),
                List.of(amount, percentage, threeForTwo), Optional.empty());

        // 12.00, less one free sock (4.00), less half of the 8.00 left (4.00), less 1.00 of the 4.00 left.
        assertThat(totals.appliedPromotions()).extracting(AppliedPromotion::id, AppliedPromotion::amount).containsExactly(
                Tuple.tuple(threeForTwo.id(), eur("4.00")),
                Tuple.tuple(percentage.id(), eur("4.00")),
                Tuple.tuple(amount.id(), eur("1.00")));
        assertThat(totals.grandTotal()).isEqualTo(eur("3.00"));
    }

    @Test
    void aLineOrShippingInAnotherCurrencyIsRefusedNamingTheOrdersCurrency() {
        PricedLine dollars = new PricedLine(Sku.of("A"), Money.of("1.00", "USD"), 1, "standard");
        assertThatThrownBy(() -> price(GERMANY, List.of(dollars), List.of(), Optional.empty()))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
                    assertThat(e.getMessage()).contains("cannot price USD 1.00 in an order in EUR");
                });
        ShippingOption inDollars = new ShippingOption("ship", "Ship", Map.of("DE", Money.of("4.90", "USD")), "standard");
        assertThatThrownBy(() -> price(GERMANY, List.of(line("A", "1.00", 1, "standard")), List.of(),
                Optional.of(inDollars)))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
                    assertThat(e.getMessage()).contains("cannot price USD 4.90 in an order in EUR");
                });
    }

    @Test
    void aMinimumInAnotherCurrencyMakesAPromotionInapplicableRatherThanFailing() {
        Promotion dollarMinimum = promotion(new Discount.PercentageOff(BigDecimal.TEN), NOW, Optional.empty(),
                Optional.of(Money.of("5.00", "USD")));

        Totals totals = price(TaxPolicy.none(), List.of(line("A", "10.00", 1, "standard")), List.of(dollarMinimum),
                Optional.empty());

        assertThat(totals.appliedPromotions()).isEmpty();
        assertThat(dollarMinimum.currency()).contains(Currency.getInstance("USD"));
        assertThatThrownBy(() -> dollarMinimum.requireApplicable(eur("10.00"), NOW))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.getMessage()).contains("applies only to orders in USD"));
    }

    @Test
    void aPromotionSaysWhetherItHasStartedOrEnded() {
        Promotion window = promotion(new Discount.PercentageOff(BigDecimal.TEN), NOW, Optional.of(NOW.plusSeconds(60)),
                Optional.empty());

        assertThat(window.isValidAt(NOW.minusMillis(1))).isFalse();
        assertThat(window.isValidAt(NOW)).isTrue();
        assertThat(window.isValidAt(NOW.plusSeconds(60))).isFalse();
        assertThatThrownBy(() -> window.requireApplicable(eur("10.00"), NOW.minusMillis(1)))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.getMessage()).contains("has not started yet"));
        assertThatThrownBy(() -> window.requireApplicable(eur("10.00"), NOW.plusSeconds(60)))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.getMessage()).contains("has ended"));
    }

    @Test
    void aStoredPromotionIsValidatedLikeANewOne() {
        Discount tenPercent = new Discount.PercentageOff(BigDecimal.TEN);
        PromotionId id = new PromotionId(UUID.randomUUID());
        assertThatThrownBy(() -> new Promotion(id, " ", Optional.empty(), tenPercent, NOW, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), 0)).satisfies(e -> assertValidation(e, "name"));
        assertThatThrownBy(() -> new Promotion(id, "promo", Optional.of("NOT A CODE"), tenPercent, NOW, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), 0)).satisfies(e -> assertValidation(e, "code"));
        assertThatThrownBy(() -> new NewPromotion("promo", Optional.of("bad code!"), tenPercent, NOW, Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty())).satisfies(e -> assertValidation(e, "code"));
        assertThat(PromotionId.parse(id.toString())).isEqualTo(id);
        assertThat(id.toString()).isEqualTo(id.value().toString());
        assertThatThrownBy(() -> PromotionId.parse("promo")).satisfies(e -> assertValidation(e, "promotionId"));
    }

    @Test
    void aRateForARegionValidatesTheRegionAndIsSetOnce() {
        assertThatThrownBy(() -> TaxPolicy.builder().rate("US", "not a region!", "standard", BigDecimal.ONE))
                .satisfies(e -> assertValidation(e, "region"));
        TaxPolicy.Builder builder = TaxPolicy.builder().rate("US", "CA", "standard", new BigDecimal("0.0725"));
        assertThatThrownBy(() -> builder.rate("US", "CA", "standard", new BigDecimal("0.08")))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.getMessage()).contains("is already set for US-CA standard"));
        TaxPolicy.Builder national = TaxPolicy.builder().rate("US", null, "standard", new BigDecimal("0.05"));
        assertThatThrownBy(() -> national.rate("US", null, "standard", new BigDecimal("0.06")))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.getMessage()).contains("is already set for US standard"));
    }

    @Test
    void aNegativeUnitPriceIsRefused() {
        assertThatThrownBy(() -> new PricedLine(Sku.of("A"), eur("-0.01"), 1, "standard"))
                .satisfies(e -> assertValidation(e, "unitPrice"));
        assertThat(new PricedLine(Sku.of("A"), eur("0.00"), 1, "standard").unitPrice()).isEqualTo(eur("0.00"));
    }

    @Test
    void fixedAmountIsAllocatedByLineAndNeverExceedsTheSubtotal() {
        Totals split = price(TaxPolicy.none(), List.of(line("A", "1.00", 1, "standard"), line("B", "2.00", 1, "standard")),
                List.of(promotion(new Discount.AmountOff(eur("1.00")))), Optional.empty());
        assertThat(split.lines()).extracting(LineTotal::discount).containsExactly(eur("0.33"), eur("0.67"));

        Totals capped = price(TaxPolicy.none(), List.of(line("A", "3.00", 1, "standard")),
                List.of(promotion(new Discount.AmountOff(eur("5.00")))), Optional.empty());
        assertThat(capped.discountTotal()).isEqualTo(eur("3.00"));
        assertThat(capped.grandTotal()).isEqualTo(eur("0.00"));
    }

    @Test
    void buyTwoGetOneMakesEveryThirdUnitFree() {
        Totals totals = price(TaxPolicy.none(), List.of(line("SOCK", "4.00", 7, "standard"), line("HAT", "9.00", 3, "standard")),
                List.of(promotion(new Discount.BuyXGetY(Sku.of("SOCK"), 2, 1))), Optional.empty());

        assertThat(totals.lines()).extracting(LineTotal::discount).containsExactly(eur("8.00"), eur("0.00"));
    }

    @Test
    void promotionOutsideItsWindowOrBelowItsMinimumIsNotApplied() {
        Promotion future = promotion(new Discount.PercentageOff(BigDecimal.TEN), NOW.plusSeconds(1), Optional.empty(),
                Optional.empty());
        Promotion ended = promotion(new Discount.PercentageOff(BigDecimal.TEN), NOW.minusSeconds(10),
                Optional.of(NOW), Optional.empty());
        Promotion minimum = promotion(new Discount.PercentageOff(BigDecimal.TEN), NOW, Optional.empty(),
                Optional.of(eur("50.00")));

        Totals totals = price(TaxPolicy.none(), List.of(line("A", "49.99", 1, "standard")),
                List.of(future, ended, minimum), Optional.empty());

        assertThat(totals.discountTotal()).isEqualTo(eur("0.00"));
        assertThat(totals.appliedPromotions()).isEmpty();
        assertThat(minimum.appliesTo(eur("50.00"), NOW)).isTrue();
        assertThatThrownBy(() -> ended.requireApplicable(eur("60.00"), NOW))
                .isInstanceOf(CommerceException.class)
                .extracting(e -> ((CommerceException) e).code()).isEqualTo(ErrorCode.PROMOTION_NOT_APPLICABLE);
    }

    @Test
    void shippingIsChargedAndTaxedByItsOwnTaxClass() {
        ShippingOption standard = new ShippingOption("standard", "Standard", Map.of("DE", eur("4.90")), "standard");

        Totals totals = price(GERMANY, List.of(line("BOOK", "20.00", 1, "reduced")), List.of(), Optional.of(standard));

        assertThat(totals.shipping()).isEqualTo(eur("4.90"));
        assertThat(totals.shippingTax()).isEqualTo(eur("0.93"));
        assertThat(totals.taxTotal()).isEqualTo(eur("2.33"));
        assertThat(totals.grandTotal()).isEqualTo(eur("27.23"));
    }

    @Test
    void shippingToAnUnservedCountryIsRejected() {
        ShippingOption domestic = new ShippingOption("standard", "Standard", Map.of("FR", eur("4.90")), "standard");

        assertThatThrownBy(() -> price(GERMANY, List.of(line("A", "1.00", 1, "standard")), List.of(), Optional.of(domestic)))
                .satisfies(e -> assertValidation(e, "destination"));
    }

    @Test
    void mixedCurrenciesAreRefused() {
        PricedLine dollars = new PricedLine(Sku.of("A"), Money.of("1.00", "USD"), 1, "standard");

        assertThatThrownBy(() -> price(GERMANY, List.of(dollars), List.of(), Optional.empty()))
                .isInstanceOf(CommerceException.class)
                .extracting(e -> ((CommerceException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    }

    @Test
    void amountOffInAnotherCurrencyIsNotApplied() {
        Totals totals = price(TaxPolicy.none(), List.of(line("A", "10.00", 1, "standard")),
                List.of(promotion(new Discount.AmountOff(Money.of("1.00", "USD")))), Optional.empty());

        assertThat(totals.discountTotal()).isEqualTo(eur("0.00"));
    }

    @Test
    void totalsAlwaysEqualTheSumOfTheirLines() {
        long seed = new Random().nextLong();
        System.out.println("PriceCalculatorTest.totalsAlwaysEqualTheSumOfTheirLines seed = " + seed);
        Random random = new Random(seed);
        for (int run = 0; run < 2_000; run++) {
            Currency currency = Currency.getInstance(List.of("JPY", "EUR", "BHD").get(random.nextInt(3)));
            checkInvariants(randomRequest(random, currency), "seed " + seed + " run " + run);
        }
    }

    @Test
    void aSinglePromotionTakesOffExactlyWhatItPromises() {
        long seed = new Random().nextLong();
        System.out.println("PriceCalculatorTest.aSinglePromotionTakesOffExactlyWhatItPromises seed = " + seed);
        Random random = new Random(seed);
        for (int run = 0; run < 1_000; run++) {
            Currency currency = Currency.getInstance(List.of("JPY", "EUR", "BHD").get(random.nextInt(3)));
            List<PricedLine> lines = randomLines(random, currency);
            Money subtotal = lines.stream().map(line -> line.unitPrice().times(line.quantity()))
                    .reduce(Money.zero(currency), Money::plus);
            Discount discount = randomDiscount(random, currency, lines);
            Totals totals = calculator.price(new PriceRequest(currency, lines, List.of(promotion(discount)), DE,
                    Optional.empty(), TaxPolicy.none(), NOW));
            String context = "seed " + seed + " run " + run + " " + discount;

            Money expected;
            if (discount instanceof Discount.PercentageOff percentageOff) {
                expected = subtotal.times(percentageOff.percent().movePointLeft(2));
            } else if (discount instanceof Discount.AmountOff amountOff) {
                expected = amountOff.amount().min(subtotal);
            } else {
                Discount.BuyXGetY buyXGetY = (Discount.BuyXGetY) discount;
                expected = lines.stream().filter(line -> line.sku().equals(buyXGetY.sku()))
                        .map(line -> line.unitPrice().times(line.quantity() / (buyXGetY.buy() + buyXGetY.get())
                                * buyXGetY.get()))
                        .reduce(Money.zero(currency), Money::plus);
            }
            assertThat(totals.discountTotal()).as(context).isEqualTo(expected);
            checkInvariants(totals, TaxPolicy.none(), context);
        }
    }

    private void checkInvariants(PriceRequest request, String context) {
        checkInvariants(calculator.price(request), request.taxPolicy(), context);
    }

    private static void checkInvariants(Totals totals, TaxPolicy policy, String context) {
        Currency currency = totals.currency();
        Money zero = Money.zero(currency);
        Money subtotal = zero;
        Money discount = zero;
        Money tax = zero;
        Money total = zero;
        for (LineTotal line : totals.lines()) {
            assertThat(line.subtotal()).as(context).isEqualTo(line.unitPrice().times(line.quantity()));
            assertThat(line.discount().isNegative()).as(context).isFalse();
            assertThat(line.discount()).as(context).isLessThanOrEqualTo(line.subtotal());
            Money discounted = line.subtotal().minus(line.discount());
            assertThat(line.total()).as(context)
                    .isEqualTo(policy.pricesIncludeTax() ? discounted : discounted.plus(line.tax()));
            subtotal = subtotal.plus(line.subtotal());
            discount = discount.plus(line.discount());
            tax = tax.plus(line.tax());
            total = total.plus(line.total());
        }
        assertThat(totals.subtotal()).as(context).isEqualTo(subtotal);
        assertThat(totals.discountTotal()).as(context).isEqualTo(discount);
        assertThat(totals.taxTotal()).as(context).isEqualTo(tax.plus(totals.shippingTax()));
        Money shippingTotal = policy.pricesIncludeTax() ? totals.shipping() : totals.shipping().plus(totals.shippingTax());
        assertThat(totals.grandTotal()).as(context).isEqualTo(total.plus(shippingTotal));
        Money expectedGrand = subtotal.minus(discount).plus(totals.shipping());
        if (!policy.pricesIncludeTax()) {
            expectedGrand = expectedGrand.plus(totals.taxTotal());
        }
        assertThat(totals.grandTotal()).as(context).isEqualTo(expectedGrand);
        assertThat(totals.appliedPromotions().stream().map(AppliedPromotion::amount).reduce(zero, Money::plus))
                .as(context).isEqualTo(discount);
    }

    private static PriceRequest randomRequest(Random random, Currency currency) {
        List<PricedLine> lines = randomLines(random, currency);
        List<Promotion> promotions = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            promotions.add(promotion(randomDiscount(random, currency, lines)));
        }
        TaxPolicy.Builder policy = TaxPolicy.builder().pricesIncludeTax(random.nextBoolean());
        for (String taxClass : List.of("standard", "reduced")) {
            policy.rate("DE", null, taxClass, BigDecimal.valueOf(random.nextInt(3001), 4));
        }
        Optional<ShippingOption> shipping = random.nextBoolean()
                ? Optional.of(new ShippingOption("ship", "Ship", Map.of("DE", Money.ofMinor(random.nextInt(5_000), currency)),
                        random.nextBoolean() ? "standard" : "reduced"))
                : Optional.empty();
        return new PriceRequest(currency, lines, promotions, DE, shipping, policy.build(), NOW);
    }

    private static List<PricedLine> randomLines(Random random, Currency currency) {
        List<PricedLine> lines = new ArrayList<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            long unit = random.nextInt(10) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 100 : 100_000);
            lines.add(new PricedLine(Sku.of("SKU-" + lines.size()), Money.ofMinor(unit, currency),
                    1 + random.nextInt(20), random.nextBoolean() ? "standard" : "reduced"));
        }
        return lines;
    }

    private static Discount randomDiscount(Random random, Currency currency, List<PricedLine> lines) {
        switch (random.nextInt(3)) {
            case 0:
                return new Discount.PercentageOff(BigDecimal.valueOf(1 + random.nextInt(10_000), 2));
            case 1:
                return new Discount.AmountOff(Money.ofMinor(1 + random.nextInt(200_000), currency));
            default:
                Sku sku = lines.isEmpty() ? Sku.of("NONE") : lines.get(random.nextInt(lines.size())).sku();
                return new Discount.BuyXGetY(sku, 1 + random.nextInt(4), 1 + random.nextInt(3));
        }
    }

    private Totals price(TaxPolicy policy, List<PricedLine> lines, List<Promotion> promotions,
            Optional<ShippingOption> shipping) {
        return calculator.price(new PriceRequest(EUR, lines, promotions, DE, shipping, policy, NOW));
    }

    private static PricedLine line(String sku, String price, long quantity, String taxClass) {
        return new PricedLine(Sku.of(sku), eur(price), quantity, taxClass);
    }

    private static Promotion promotion(PromotionId id, Discount discount) {
        return new Promotion(id, "promo", Optional.empty(), discount, NOW.minus(1, ChronoUnit.DAYS), Optional.empty(),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), 0);
    }

    private static Promotion promotion(Discount discount) {
        return promotion(discount, NOW.minus(1, ChronoUnit.DAYS), Optional.empty(), Optional.empty());
    }

    private static Promotion promotion(Discount discount, Instant from, Optional<Instant> until,
            Optional<Money> minimum) {
        return new Promotion(new PromotionId(UUID.randomUUID()), "promo", Optional.empty(), discount, from, until,
                minimum, OptionalLong.empty(), OptionalLong.empty(), 0);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static void assertValidation(Throwable e, String field) {
        assertThat(e).isInstanceOf(CommerceException.class);
        CommerceException exception = (CommerceException) e;
        assertThat(exception.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(exception.field()).contains(field);
    }
}
