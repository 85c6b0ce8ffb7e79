package dev.cartwright.pricing;

import dev.cartwright.error.Validate;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@link PriceCalculator} needs, already loaded. Immutable and thread-safe.
 *
 * @param currency the order's currency; every line and the shipping rate must be in it
 * @param lines the lines, possibly none
 * @param promotions the candidate promotions; those that do not {@linkplain Promotion#appliesTo apply} are skipped
 * @param destination where the order goes, for tax rates and shipping
 * @param shippingOption how it is shipped; empty to price without shipping
 * @param taxPolicy the tax rates
 * @param at when it is priced, for the promotions' validity windows
 */
public record PriceRequest(
        Currency currency,
        List<PricedLine> lines,
        List<Promotion> promotions,
        Destination destination,
        Optional<ShippingOption> shippingOption,
        TaxPolicy taxPolicy,
        Instant at) {

    /** Validates and defensively copies. */
    public PriceRequest {
        Validate.notNull(currency, "currency");
        lines = List.copyOf(Validate.noNulls(lines, "lines"));
        promotions = List.copyOf(Validate.noNulls(promotions, "promotions"));
        Validate.notNull(destination, "destination");
        Validate.notNull(shippingOption, "shippingOption");
        Validate.notNull(taxPolicy, "taxPolicy");
        Validate.notNull(at, "at");
    }
}
