package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an order is shipped, as far as tax and shipping rates care. Immutable and thread-safe.
 *
 * @param country an ISO 3166-1 alpha-2 code in upper case, such as {@code "DE"}
 * @param region a subdivision code such as {@code "CA"} (1 to 16 letters, digits or {@code '-'}), compared exactly
 */
public record Destination(String country, Optional<String> region) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9-]{1,16}");

    /** Validates the codes. */
    public Destination {
        validateCountry(country, "country");
        Validate.notNull(region, "region").ifPresent(code -> {
            if (!REGION.matcher(code).matches()) {
                throw CommerceException.invalid("region", "must be 1 to 16 letters, digits or '-'");
            }
        });
    }

    /**
     * @param country an ISO 3166-1 alpha-2 code
     * @return a destination without a region
     */
    public static Destination country(String country) {
        return new Destination(country, Optional.empty());
    }

    /**
     * @param country an ISO 3166-1 alpha-2 code
     * @param region a subdivision code
     * @return a destination in that region
     */
    public static Destination of(String country, String region) {
        return new Destination(country, Optional.of(Validate.notNull(region, "region")));
    }

    static void validateCountry(String country, String field) {
        Validate.notNull(country, field);
        if (!COUNTRY.matcher(country).matches()) {
            throw CommerceException.invalid(field, "must be an ISO 3166-1 alpha-2 code in upper case: " + country);
        }
    }
}
