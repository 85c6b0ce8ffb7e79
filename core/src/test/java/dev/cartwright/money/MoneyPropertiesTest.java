package dev.cartwright.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QuickTheories prints the seed of a falsified case, and shrinks it, so a failure can be replayed. */
class MoneyPropertiesTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void allocatedPartsAlwaysAddUpToTheWhole() {
        qt().forAll(longs().between(-1_000_000_000_000L, 1_000_000_000_000L),
                        lists().of(longs().between(0, 1_000_000)).ofSizeBetween(1, 40))
                .assuming((amount, weights) -> weights.stream().anyMatch(weight -> weight > 0))
                .check((amount, weights) -> {
                    List<Money> parts = Money.ofMinor(amount, EUR).allocate(weights);
                    return parts.size() == weights.size()
                            && parts.stream().mapToLong(Money::minorUnits).sum() == amount;
                });
    }

    @Test
    void eachAllocatedPartIsWithinOneMinorUnitOfItsExactShare() {
        qt().forAll(longs().between(0, 1_000_000_000L),
                        lists().of(longs().between(0, 10_000)).ofSizeBetween(1, 20))
                .assuming((amount, weights) -> weights.stream().anyMatch(weight -> weight > 0))
                .check((amount, weights) -> {
                    List<Money> parts = Money.ofMinor(amount, EUR).allocate(weights);
                    BigDecimal total = BigDecimal.valueOf(weights.stream().mapToLong(Long::longValue).sum());
                    for (int i = 0; i < parts.size(); i++) {
                        BigDecimal exact = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(weights.get(i)))
                                .divide(total, 10, RoundingMode.HALF_EVEN);
                        BigDecimal difference = exact.subtract(BigDecimal.valueOf(parts.get(i).minorUnits())).abs();
                        if (difference.compareTo(BigDecimal.ONE) >= 0) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    @Test
    void equalSplitsDifferByAtMostOneMinorUnit() {
        qt().forAll(longs().between(-1_000_000_000L, 1_000_000_000L), integers().between(1, 50))
                .check((amount, count) -> {
                    List<Money> parts = Money.ofMinor(amount, EUR).allocate(count);
                    long largest = parts.stream().mapToLong(Money::minorUnits).max().orElseThrow();
                    long smallest = parts.stream().mapToLong(Money::minorUnits).min().orElseThrow();
                    return largest - smallest <= 1 && parts.stream().mapToLong(Money::minorUnits).sum() == amount;
                });
    }

    @Test
    void roundingHalfEvenIsNeverMoreThanHalfAMinorUnitOff() {
        qt().forAll(longs().between(0, 10_000_000L), integers().between(0, 10_000))
                .check((minor, basisPoints) -> {
                    BigDecimal rate = BigDecimal.valueOf(basisPoints, 4);
                    Money product = Money.ofMinor(minor, EUR).times(rate);
                    BigDecimal exact = BigDecimal.valueOf(minor).multiply(rate);
                    return exact.subtract(BigDecimal.valueOf(product.minorUnits())).abs()
                            .compareTo(new BigDecimal("0.5")) <= 0;
                });
    }

    @Test
    void additionAndSubtractionAreExactInverses() {
        qt().forAll(longs().between(-1_000_000_000_000L, 1_000_000_000_000L),
                        longs().between(-1_000_000_000_000L, 1_000_000_000_000L))
                .check((a, b) -> Money.ofMinor(a, EUR).plus(Money.ofMinor(b, EUR)).minus(Money.ofMinor(b, EUR))
                        .equals(Money.ofMinor(a, EUR)));
    }

    @Test
    void parsingAndPrintingRoundTrip() {
        qt().forAll(longs().between(-1_000_000_000_000L, 1_000_000_000_000L))
                .check(minor -> {
                    Money money = Money.ofMinor(minor, EUR);
                    return Money.of(money.toDecimal().toPlainString(), "EUR").equals(money);
                });
        assertThat(Money.of("0.10", "EUR").toDecimal().toPlainString()).isEqualTo("0.10");
    }
}
