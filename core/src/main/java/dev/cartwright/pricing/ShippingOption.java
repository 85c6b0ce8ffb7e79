package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A way to ship an order, with a flat rate per destination country. Immutable and thread-safe.
 *
 * @param id the code that selects it, such as {@code "standard"} (1 to 64 letters, digits, {@code '-'} or {@code '_'})
 * @param name the display name, stored exactly as given
 * @param ratesByCountry the flat rate for each ISO 3166-1 alpha-2 country it ships to, none negative
 * @param taxClass the tax class of the shipping charge, such as {@code "standard"}
 */
public record ShippingOption(String id, String name, Map<String, Money> ratesByCountry, String taxClass) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Validates and defensively copies. */
    public ShippingOption {
        Validate.notNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw CommerceException.invalid("id", "must be 1 to 64 letters, digits, '-' or '_'");
        }
        Validate.notBlank(name, "name", 200);
        Validate.notNull(ratesByCountry, "ratesByCountry");
        ratesByCountry.forEach((country, rate) -> {
            Destination.validateCountry(country, "ratesByCountry");
            Validate.notNull(rate, "ratesByCountry");
            if (rate.isNegative()) {
                throw CommerceException.invalid("ratesByCountry", "must not hold a negative rate");
            }
        });
        ratesByCountry = Map.copyOf(ratesByCountry);
        Validate.notBlank(taxClass, "taxClass", 64);
    }

    /**
     * @param destination where to ship
     * @return the rate for the destination's country, if it ships there
     */
    public Optional<Money> rateFor(Destination destination) {
        Validate.notNull(destination, "destination");
        return Optional.ofNullable(ratesByCountry.get(destination.country()));
    }
}
