package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's tax rates by destination and tax class, and whether its prices include tax. Built once by
 * the host with {@link #builder()}; immutable and thread-safe.
 *
 * <p>Rate lookup: a rate set for the destination's country <em>and</em> region wins over one set for the
 * country alone; where neither is set the rate is zero, so a shop that sells somewhere without configuring
 * it charges no tax there.
 *
 * <p>Rounding policy: tax is computed per line, on the line's amount after discounts, and rounded half-even
 * to the currency's minor unit. Totals are sums of the rounded line amounts, so lines always add up exactly.
 * With tax-exclusive prices, {@code tax = round(net * rate)}; with tax-inclusive prices,
 * {@code tax = round(gross * rate / (1 + rate))}, computed exactly before the one rounding.
 */
public final class TaxPolicy {

    private static final TaxPolicy NONE = builder().build();

    private final boolean pricesIncludeTax;
    private final Map<RateKey, BigDecimal> rates;

    private TaxPolicy(Builder builder) {
        this.pricesIncludeTax = builder.pricesIncludeTax;
        this.rates = Map.copyOf(builder.rates);
    }

    /** @return a policy with tax-exclusive prices and no rates: no tax anywhere */
    public static TaxPolicy none() {
        return NONE;
    }

    /** @return a builder of a tax-exclusive policy without rates */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether catalog prices already include tax */
    public boolean pricesIncludeTax() {
        return pricesIncludeTax;
    }

    /**
     * @param destination where the goods go
     * @param taxClass the goods' tax class, such as {@code "standard"}
     * @return the rate, such as {@code 0.19}; zero if none is configured
     * @throws CommerceException {@code VALIDATION} for a null argument
     */
    public BigDecimal rateFor(Destination destination, String taxClass) {
        Validate.notNull(destination, "destination");
        Validate.notNull(taxClass, "taxClass");
        Optional<BigDecimal> regional = destination.region()
                .map(region -> rates.get(new RateKey(destination.country(), region, taxClass)));
        return regional.orElseGet(() -> rates.getOrDefault(new RateKey(destination.country(), null, taxClass),
                BigDecimal.ZERO));
    }

    /**
     * @param amount a line or shipping amount, net or gross according to {@link #pricesIncludeTax()}
     * @param rate the rate that applies to it
     * @return the tax in it (inclusive) or on it (exclusive), rounded half-even to the minor unit
     */
    public Money taxOn(Money amount, BigDecimal rate) {
        Validate.notNull(amount, "amount");
        Validate.notNull(rate, "rate");
        if (!pricesIncludeTax) {
            return amount.times(rate, RoundingMode.HALF_EVEN);
        }
        BigDecimal tax = BigDecimal.valueOf(amount.minorUnits()).multiply(rate)
                .divide(BigDecimal.ONE.add(rate), 0, RoundingMode.HALF_EVEN);
        return Money.ofMinor(tax.longValueExact(), amount.currency());
    }

    private record RateKey(String country, String region, String taxClass) {
    }

    /** Collects the rates of a {@link TaxPolicy}. Not thread-safe. */
    public static final class Builder {

        private boolean pricesIncludeTax;
        private final Map<RateKey, BigDecimal> rates = new HashMap<>();

        private Builder() {
        }

        /**
         * @param include whether catalog prices already include tax (usual in the EU); {@code false} by default
         * @return this builder
         */
        public Builder pricesIncludeTax(boolean include) {
            this.pricesIncludeTax = include;
            return this;
        }

        /**
         * Sets a rate.
         *
         * @param country an ISO 3166-1 alpha-2 code, such as {@code "DE"}
         * @param region a subdivision code, or {@code null} for the whole country
         * @param taxClass the tax class, such as {@code "standard"}
         * @param rate from 0 to 1, such as {@code 0.19}
         * @return this builder
         * @throws CommerceException {@code VALIDATION} for a bad argument or a rate already set for the same key
         */
        public Builder rate(String country, String region, String taxClass, BigDecimal rate) {
            Destination.validateCountry(country, "country");
            if (region != null) {
                Destination.of(country, region);
            }
            Validate.notBlank(taxClass, "taxClass", 64);
            Validate.notNull(rate, "rate");
            if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
                throw CommerceException.invalid("rate", "must be from 0 to 1");
            }
            RateKey key = new RateKey(country, region, taxClass);
            if (rates.containsKey(key)) {
                throw CommerceException.invalid("rate", "is already set for " + country
                        + (region == null ? "" : "-" + region) + " " + taxClass);
            }
            rates.put(key, rate);
            return this;
        }

        /** @return the policy */
        public TaxPolicy build() {
            return new TaxPolicy(this);
        }
    }
}
