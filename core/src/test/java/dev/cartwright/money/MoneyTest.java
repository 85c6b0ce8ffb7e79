package dev.cartwright.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Currency BHD = Currency.getInstance("BHD");

    @Test
    void parsesDecimalAmountsIntoMinorUnitsOfZeroTwoAndThreeDecimalCurrencies() {
        assertThat(Money.of("12.50", "EUR")).isEqualTo(Money.ofMinor(1250, EUR));
        assertThat(Money.of("1200", "JPY")).isEqualTo(Money.ofMinor(1200, JPY));
        assertThat(Money.of("1.005", "BHD")).isEqualTo(Money.ofMinor(1005, BHD));
        assertThat(Money.of("-0.01", "EUR").minorUnits()).isEqualTo(-1);
    }

    @Test
    void printsTheCurrencyAndThePlainDecimal() {
        assertThat(Money.ofMinor(1250, EUR)).hasToString("EUR 12.50");
        assertThat(Money.ofMinor(7, BHD)).hasToString("BHD 0.007");
        assertThat(Money.ofMinor(500, JPY)).hasToString("JPY 500");
        assertThat(Money.ofMinor(1250, EUR).toDecimal()).isEqualByComparingTo("12.50");
    }

    @Test
    void refusesMoreFractionDigitsThanTheCurrencyHas() {
        assertThatThrownBy(() -> Money.of("1.5", "JPY"))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.field()).contains("amount");
                });
        assertThatThrownBy(() -> Money.of("0.001", "EUR")).isInstanceOf(CommerceException.class);
        assertThat(Money.of("12.5000", "EUR")).isEqualTo(Money.ofMinor(1250, EUR));
    }

    @Test
    void refusesTextThatIsNotAnAmountOrACurrency() {
        assertThatThrownBy(() -> Money.of("12,50", "EUR"))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("amount"));
        assertThatThrownBy(() -> Money.of("1", "EURO"))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("currency"));
        assertThatThrownBy(() -> Money.of("1", "XXX"))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("currency"));
    }

    @Test
    void roundsExplicitlyWhenAskedTo() {
        assertThat(Money.of(new BigDecimal("0.125"), EUR, RoundingMode.HALF_EVEN)).isEqualTo(Money.ofMinor(12, EUR));
        assertThat(Money.of(new BigDecimal("0.135"), EUR, RoundingMode.HALF_EVEN)).isEqualTo(Money.ofMinor(14, EUR));
        assertThat(Money.of(new BigDecimal("0.125"), EUR, RoundingMode.HALF_UP)).isEqualTo(Money.ofMinor(13, EUR));
    }

    @Test
    void multipliesByARateRoundingHalfEvenByDefault() {
        Money net = Money.ofMinor(250, EUR);
        assertThat(net.times(new BigDecimal("0.19"))).isEqualTo(Money.ofMinor(48, EUR)); // 47.5 -> 48
        assertThat(Money.ofMinor(50, EUR).times(new BigDecimal("0.05"))).isEqualTo(Money.ofMinor(2, EUR)); // 2.5 -> 2
        assertThat(Money.ofMinor(50, EUR).times(new BigDecimal("0.05"), RoundingMode.HALF_UP))
                .isEqualTo(Money.ofMinor(3, EUR));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.ofMinor(1, EUR).plus(Money.ofMinor(1, JPY)))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> Money.ofMinor(1, EUR).compareTo(Money.ofMinor(1, BHD)))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
    }

    @Test
    void refusesToOverflow() {
        Money max = Money.ofMinor(Long.MAX_VALUE, EUR);
        for (Runnable overflow : List.<Runnable>of(
                () -> max.plus(Money.ofMinor(1, EUR)),
                () -> Money.ofMinor(Long.MIN_VALUE, EUR).minus(Money.ofMinor(1, EUR)),
                () -> max.times(2),
                () -> max.times(new BigDecimal("1.5")),
                () -> Money.ofMinor(Long.MIN_VALUE, EUR).negate(),
                () -> Money.of("99999999999999999999", "EUR"))) {
            assertThatThrownBy(overflow::run)
                    .isInstanceOfSatisfying(CommerceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ARITHMETIC_OVERFLOW));
        }
    }

    @Test
    void allocatesEveryMinorUnit() {
        assertThat(Money.ofMinor(100, EUR).allocate(3))
                .containsExactly(Money.ofMinor(34, EUR), Money.ofMinor(33, EUR), Money.ofMinor(33, EUR));
        assertThat(Money.ofMinor(5, EUR).allocate(List.of(3L, 7L)))
                .containsExactly(Money.ofMinor(2, EUR), Money.ofMinor(3, EUR)); // 1.5 and 3.5: the tie goes first
        assertThat(Money.ofMinor(-100, EUR).allocate(3))
                .containsExactly(Money.ofMinor(-34, EUR), Money.ofMinor(-33, EUR), Money.ofMinor(-33, EUR));
        assertThat(Money.ofMinor(10, EUR).allocate(List.of(0L, 1L)))
                .containsExactly(Money.ofMinor(0, EUR), Money.ofMinor(10, EUR));
    }

    @Test
    void refusesWeightsThatCannotAllocate() {
        Money amount = Money.ofMinor(10, EUR);
        for (List<Long> weights : List.of(List.<Long>of(), List.of(0L, 0L), List.of(1L, -1L))) {
            assertThatThrownBy(() -> amount.allocate(weights))
                    .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("weights"));
        }
        assertThatThrownBy(() -> amount.allocate(0))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("count"));
    }

    @Test
    void subtractsAndNegatesExactly() {
        assertThat(Money.ofMinor(1250, EUR).minus(Money.ofMinor(2000, EUR))).isEqualTo(Money.ofMinor(-750, EUR));
        assertThat(Money.ofMinor(1250, EUR).negate()).isEqualTo(Money.ofMinor(-1250, EUR));
        assertThat(Money.ofMinor(-7, BHD).negate()).isEqualTo(Money.ofMinor(7, BHD));
        assertThat(Money.zero(JPY).negate()).isEqualTo(Money.zero(JPY));
    }

    @Test
    void subtractingAnotherCurrencyIsAMismatch() {
        assertThatThrownBy(() -> Money.ofMinor(5, EUR).minus(Money.ofMinor(1, JPY)))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> Money.ofMinor(5, EUR).min(Money.ofMinor(1, BHD)))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
    }

    @Test
    void theSignOfAnAmountIsExactlyOneOfNegativeZeroAndPositive() {
        for (long minor : new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}) {
            Money money = Money.ofMinor(minor, EUR);
            assertThat(money.isNegative()).as("isNegative of %s", money).isEqualTo(minor < 0);
            assertThat(money.isZero()).as("isZero of %s", money).isEqualTo(minor == 0);
            assertThat(money.isPositive()).as("isPositive of %s", money).isEqualTo(minor > 0);
        }
    }

    @Test
    void minAndMaxPickTheSmallerAndTheLarger() {
        Money one = Money.ofMinor(1, EUR);
        Money two = Money.ofMinor(2, EUR);
        assertThat(one.min(two)).isSameAs(one);
        assertThat(two.min(one)).isSameAs(one);
        assertThat(one.max(two)).isSameAs(two);
        assertThat(two.max(one)).isSameAs(two);
        assertThat(one.compareTo(two)).isNegative();
        assertThat(two.compareTo(one)).isPositive();
        assertThat(one.compareTo(Money.ofMinor(1, EUR))).isZero();
    }

    @Test
    void multipliesByAWholeQuantityExactly() {
        assertThat(Money.ofMinor(1250, EUR).times(3)).isEqualTo(Money.ofMinor(3750, EUR));
        assertThat(Money.ofMinor(1250, EUR).times(0)).isEqualTo(Money.zero(EUR));
        assertThat(Money.ofMinor(-3, JPY).times(-2)).isEqualTo(Money.ofMinor(6, JPY));
    }

    @Test
    void convertsExactDecimalsAndTellsTooManyDigitsFromTooLarge() {
        assertThat(Money.of(new BigDecimal("0.007"), BHD)).isEqualTo(Money.ofMinor(7, BHD));
        assertThat(Money.of(new BigDecimal("1E+3"), JPY)).isEqualTo(Money.ofMinor(1000, JPY));
        assertThatThrownBy(() -> Money.of(new BigDecimal("0.0001"), BHD))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.field()).contains("amount");
                });
        assertThatThrownBy(() -> Money.of(new BigDecimal("92233720368547758.08"), EUR))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ARITHMETIC_OVERFLOW));
        assertThat(Money.of(new BigDecimal("92233720368547758.07"), EUR)).isEqualTo(Money.ofMinor(Long.MAX_VALUE, EUR));
    }

    @Test
    void everyFactoryRefusesACurrencyWithoutAMinorUnit() {
        Currency noMinorUnit = Currency.getInstance("XXX");
        for (Runnable factory : List.<Runnable>of(
                () -> Money.ofMinor(1, noMinorUnit),
                () -> Money.zero(noMinorUnit),
                () -> Money.of(BigDecimal.ONE, noMinorUnit),
                () -> Money.of(BigDecimal.ONE, noMinorUnit, RoundingMode.HALF_EVEN))) {
            assertThatThrownBy(factory::run)
                    .isInstanceOfSatisfying(CommerceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e.field()).contains("currency");
                    });
        }
    }

    @Test
    void missingArgumentsAreValidationErrorsNamingTheField() {
        Money money = Money.ofMinor(1, EUR);
        assertField(() -> Money.of((String) null, "EUR"), "amount");
        assertField(() -> Money.of("1", null), "currency");
        assertField(() -> Money.of(null, EUR), "amount");
        assertField(() -> Money.of(BigDecimal.ONE, null), "currency");
        assertField(() -> Money.of(null, EUR, RoundingMode.HALF_EVEN), "amount");
        assertField(() -> Money.of(BigDecimal.ONE, null, RoundingMode.HALF_EVEN), "currency");
        assertField(() -> Money.of(BigDecimal.ONE, EUR, null), "rounding");
        assertField(() -> money.plus(null), "other");
        assertField(() -> money.times(null, RoundingMode.HALF_EVEN), "factor");
        assertField(() -> money.times(BigDecimal.ONE, null), "rounding");
        assertField(() -> money.allocate(null), "weights");
    }

    @Test
    void emptyWeightsAreRefusedAsEmpty() {
        assertThatThrownBy(() -> Money.ofMinor(10, EUR).allocate(List.of()))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.getMessage()).contains("must not be empty"));
    }

    @Test
    void theSmallestLongCannotBeAllocated() {
        assertThatThrownBy(() -> Money.ofMinor(Long.MIN_VALUE, EUR).allocate(2))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ARITHMETIC_OVERFLOW));
        assertThat(Money.ofMinor(Long.MIN_VALUE + 1, EUR).allocate(1)).containsExactly(Money.ofMinor(Long.MIN_VALUE + 1, EUR));
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.field()).contains(field);
                });
    }
}
