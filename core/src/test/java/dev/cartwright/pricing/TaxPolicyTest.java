package dev.cartwright.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaxPolicyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void inclusiveTaxIsTheRoundedShareOfTheGrossAndNeverExceedsIt() {
        qt().forAll(longs().between(0, 1_000_000_000L), integers().between(0, 10_000)).check((gross, basisPoints) -> {
            BigDecimal rate = BigDecimal.valueOf(basisPoints, 4);
            TaxPolicy policy = TaxPolicy.builder().pricesIncludeTax(true).build();
            Money tax = policy.taxOn(Money.ofMinor(gross, EUR), rate);
            BigDecimal exact = BigDecimal.valueOf(gross).multiply(rate).divide(BigDecimal.ONE.add(rate), 20,
                    RoundingMode.HALF_EVEN);
            return tax.minorUnits() >= 0 && tax.minorUnits() <= gross
                    && BigDecimal.valueOf(tax.minorUnits()).subtract(exact).abs().compareTo(new BigDecimal("0.5")) <= 0;
        });
    }

    @Test
    void exclusiveTaxIsTheRateTimesTheNetRoundedHalfEven() {
        qt().forAll(longs().between(0, 1_000_000_000L), integers().between(0, 10_000)).check((net, basisPoints) -> {
            BigDecimal rate = BigDecimal.valueOf(basisPoints, 4);
            Money tax = TaxPolicy.none().taxOn(Money.ofMinor(net, EUR), rate);
            return tax.minorUnits() == BigDecimal.valueOf(net).multiply(rate)
                    .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        });
    }

    @Test
    void destinationsAndShippingOptionsValidateTheirCodes() {
        assertThat(Destination.of("US", "CA").region()).contains("CA");
        assertValidation(() -> Destination.country("DEU"), "country");
        assertValidation(() -> Destination.country("de"), "country");
        assertValidation(() -> Destination.of("US", "C A"), "region");
        assertValidation(() -> new ShippingOption("bad id", "n", Map.of(), "standard"), "id");
        assertValidation(() -> new ShippingOption("s", "n", Map.of("XXX", Money.of("1", "EUR")), "standard"),
                "ratesByCountry");
        assertValidation(() -> new ShippingOption("s", "n", Map.of("DE", Money.of("-1", "EUR")), "standard"),
                "ratesByCountry");
        ShippingOption standard = new ShippingOption("s", "n", Map.of("DE", Money.of("1", "EUR")), "standard");
        assertValidation(() -> ShippingOptions.builder().add(standard).add(standard), "option");
        ShippingOptions options = ShippingOptions.builder().add(standard).build();
        assertThat(options.availableFor(Destination.country("DE"))).containsExactly(standard);
        assertThat(options.availableFor(Destination.country("FR"))).isEmpty();
        assertValidation(() -> options.require("x", Destination.country("DE")), "shippingOption");
        assertValidation(() -> options.require("s", Destination.country("FR")), "destination");
    }

    private static void assertValidation(Runnable call, String field) {
        try {
            call.run();
        } catch (CommerceException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.field()).as(e.toString()).contains(field);
            return;
        }
        throw new AssertionError("expected VALIDATION on " + field);
    }
}
