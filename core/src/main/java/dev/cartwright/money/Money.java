package dev.cartwright.money;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;

/**
 * An exact amount of money: a whole number of minor units (cents, yen, fils) of one currency.
 *
 * <p>Arithmetic refuses to mix currencies ({@link ErrorCode#CURRENCY_MISMATCH}) and to overflow
 * ({@link ErrorCode#ARITHMETIC_OVERFLOW}). Operations that cannot stay exact, such as taking a
 * percentage, take an explicit {@link RoundingMode} or round half-even. Immutable and thread-safe.
 *
 * @param minorUnits the amount in the currency's smallest unit; may be negative (a refund, a discount)
 * @param currency the currency; its {@link Currency#getDefaultFractionDigits()} must be 0 or more
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    /** The rounding that Cartwright applies where none is named. */
    public static final RoundingMode DEFAULT_ROUNDING = RoundingMode.HALF_EVEN;

    /** Validates the currency. */
    public Money {
        requireMinorUnit(currency);
    }

    /**
     * Parses a decimal amount such as {@code "12.50"}.
     *
     * @param amount the decimal amount, with at most as many fraction digits as the currency has
     * @param currencyCode an ISO 4217 code such as {@code "EUR"}
     * @return the amount
     * @throws CommerceException {@code VALIDATION} if the text or the code is not valid, or the amount
     *     has more fraction digits than the currency
     */
    public static Money of(String amount, String currencyCode) {
        Validate.notNull(amount, "amount");
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw CommerceException.invalid("amount", "is not a decimal number: " + amount);
        }
        return of(decimal, currency(currencyCode));
    }

    /**
     * Converts an exact decimal amount.
     *
     * @param amount the amount, with at most as many fraction digits as the currency has
     * @param currency the currency
     * @return the amount
     * @throws CommerceException {@code VALIDATION} if it has too many fraction digits
     */
    public static Money of(BigDecimal amount, Currency currency) {
        Validate.notNull(amount, "amount");
        requireMinorUnit(currency);
        try {
            BigDecimal minor = amount.movePointRight(fractionDigits(currency));
            return new Money(minor.longValueExact(), currency);
        } catch (ArithmeticException e) {
            if (amount.stripTrailingZeros().scale() > fractionDigits(currency)) {
                throw CommerceException.invalid("amount", "has more than " + fractionDigits(currency)
                        + " fraction digits for " + currency.getCurrencyCode() + ": " + amount.toPlainString());
            }
            throw overflow(amount.toPlainString() + " " + currency.getCurrencyCode());
        }
    }

    /**
     * Converts a decimal amount, rounding it to the currency's minor unit.
     *
     * @param amount the amount
     * @param currency the currency
     * @param rounding how to round extra fraction digits
     * @return the rounded amount
     */
    public static Money of(BigDecimal amount, Currency currency, RoundingMode rounding) {
        Validate.notNull(amount, "amount");
        requireMinorUnit(currency);
        Validate.notNull(rounding, "rounding");
        return of(amount.setScale(fractionDigits(currency), rounding), currency);
    }

    /**
     * @param minorUnits the amount in minor units
     * @param currency the currency
     * @return the amount
     */
    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(minorUnits, currency);
    }

    /**
     * @param currency the currency
     * @return zero of that currency
     */
    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Looks up an ISO 4217 currency.
     *
     * @param currencyCode such as {@code "EUR"}
     * @return the currency
     * @throws CommerceException {@code VALIDATION} if the code is unknown
     */
    public static Currency currency(String currencyCode) {
        Validate.notNull(currencyCode, "currency");
        try {
            return Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw CommerceException.invalid("currency", "is not an ISO 4217 code: " + currencyCode);
        }
    }

    /** @return the amount as a decimal in major units, such as {@code 12.50} */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minorUnits, fractionDigits(currency));
    }

    /**
     * @param other an amount in the same currency
     * @return the sum
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        try {
            return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
        } catch (ArithmeticException e) {
            throw overflow(this + " + " + other);
        }
    }

    /**
     * @param other an amount in the same currency
     * @return the difference, possibly negative
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        try {
            return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
        } catch (ArithmeticException e) {
            throw overflow(this + " - " + other);
        }
    }

    /**
     * @param quantity a whole multiplier, such as a line's quantity
     * @return this amount times {@code quantity}, exactly
     */
    public Money times(long quantity) {
        try {
            return new Money(Math.multiplyExact(minorUnits, quantity), currency);
        } catch (ArithmeticException e) {
            throw overflow(this + " * " + quantity);
        }
    }

    /**
     * Multiplies by a decimal factor, such as a tax rate of {@code 0.19}, rounding half-even.
     *
     * @param factor the factor
     * @return the rounded product
     */
    public Money times(BigDecimal factor) {
        return times(factor, DEFAULT_ROUNDING);
    }

    /**
     * Multiplies by a decimal factor with explicit rounding.
     *
     * @param factor the factor
     * @param rounding how to round to the minor unit
     * @return the rounded product
     */
    public Money times(BigDecimal factor, RoundingMode rounding) {
        Validate.notNull(factor, "factor");
        Validate.notNull(rounding, "rounding");
        BigDecimal product = BigDecimal.valueOf(minorUnits).multiply(factor).setScale(0, rounding);
        try {
            return new Money(product.longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw overflow(this + " * " + factor.toPlainString());
        }
    }

    /** @return the amount with its sign flipped */
    public Money negate() {
        if (minorUnits == Long.MIN_VALUE) {
            throw overflow("-(" + this + ")");
        }
        return new Money(-minorUnits, currency);
    }

    /**
     * @param other an amount in the same currency
     * @return the smaller of the two
     */
    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /**
     * @param other an amount in the same currency
     * @return the larger of the two
     */
    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** @return whether the amount is zero */
    public boolean isZero() {
        return minorUnits == 0;
    }

    /** @return whether the amount is below zero */
    public boolean isNegative() {
        return minorUnits < 0;
    }

    /** @return whether the amount is above zero */
    public boolean isPositive() {
        return minorUnits > 0;
    }

    /**
     * Splits this amount into parts proportional to {@code weights}, so that the parts add up to
     * exactly this amount. Minor units left over by rounding down go, one each, to the parts whose
     * exact share lost the largest fraction (ties to the earlier part), so no unit is lost or invented.
     *
     * @param weights non-negative weights, at least one, not all zero
     * @return one part per weight, in the same order
     * @throws CommerceException {@code VALIDATION} if the weights are empty, negative or all zero
     */
    public List<Money> allocate(List<Long> weights) {
        Validate.noNulls(weights, "weights");
        if (weights.isEmpty()) {
            throw CommerceException.invalid("weights", "must not be empty");
        }
        BigInteger totalWeight = BigInteger.ZERO;
        for (long weight : weights) {
            Validate.notNegative(weight, "weights");
            totalWeight = totalWeight.add(BigInteger.valueOf(weight));
        }
        if (totalWeight.signum() == 0) {
            throw CommerceException.invalid("weights", "must not all be zero");
        }
        if (minorUnits == Long.MIN_VALUE) {
            throw overflow("allocate(" + this + ")");
        }
        BigInteger amount = BigInteger.valueOf(Math.abs(minorUnits));
        int size = weights.size();
        long[] parts = new long[size];
        BigInteger[] remainders = new BigInteger[size];
        long allocated = 0;
        for (int i = 0; i < size; i++) {
            BigInteger[] division = amount.multiply(BigInteger.valueOf(weights.get(i))).divideAndRemainder(totalWeight);
            parts[i] = division[0].longValueExact();
            remainders[i] = division[1];
            allocated += parts[i];
        }
        long leftover = amount.longValueExact() - allocated;
        List<Integer> byRemainder = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byRemainder.add(i);
        }
        // List.sort is stable, so parts with equal remainders stay in order: ties go to the earlier part.
        byRemainder.sort((a, b) -> remainders[b].compareTo(remainders[a]));
        for (int i = 0; i < leftover; i++) {
            parts[byRemainder.get(i)]++;
        }
        List<Money> result = new ArrayList<>(size);
        for (long part : parts) {
            result.add(new Money(minorUnits < 0 ? -part : part, currency));
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * Splits this amount into {@code count} parts that differ by at most one minor unit.
     *
     * @param count how many parts, at least one
     * @return the parts, the larger ones first
     */
    public List<Money> allocate(int count) {
        Validate.positive(count, "count");
        return allocate(Collections.nCopies(count, 1L));
    }

    /**
     * Orders amounts of the same currency.
     *
     * @throws CommerceException {@code CURRENCY_MISMATCH} for different currencies
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    /** @return such as {@code "EUR 12.50"} */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + toDecimal().toPlainString();
    }

    private void requireSameCurrency(Money other) {
        Validate.notNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CommerceException(ErrorCode.CURRENCY_MISMATCH,
                    "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
        }
    }

    private static void requireMinorUnit(Currency currency) {
        Validate.notNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw CommerceException.invalid("currency", "has no minor unit: " + currency.getCurrencyCode());
        }
    }

    private static int fractionDigits(Currency currency) {
        return currency.getDefaultFractionDigits();
    }

    private static CommerceException overflow(String expression) {
        return new CommerceException(ErrorCode.ARITHMETIC_OVERFLOW, "amount out of range: " + expression);
    }
}
