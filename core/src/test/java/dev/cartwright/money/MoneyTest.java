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
}
