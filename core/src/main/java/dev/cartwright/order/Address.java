package dev.cartwright.order;

import dev.cartwright.error.Validate;
import dev.cartwright.pricing.Destination;
import java.util.Optional;

/**
 * A postal address that an order ships to. Strings are stored exactly as given. Immutable and
 * thread-safe.
 *
 * @param name the recipient, 1 to 200 characters
 * @param line1 the street line, 1 to 200 characters
 * @param line2 a second line, at most 200 characters, possibly empty
 * @param city the city, 1 to 100 characters
 * @param postalCode the postal code, at most 20 characters, possibly empty
 * @param country an ISO 3166-1 alpha-2 code in upper case
 * @param region a subdivision code, as {@link Destination} takes it
 */
public record Address(String name, String line1, String line2, String city, String postalCode, String country,
        Optional<String> region) {

    /**
     * Validates.
     *
     * @throws dev.cartwright.error.CommerceException {@code VALIDATION} naming the bad field
     */
    public Address {
        Validate.notBlank(name, "name", 200);
        Validate.notBlank(line1, "line1", 200);
        Validate.maxLength(line2, "line2", 200);
        Validate.notBlank(city, "city", 100);
        Validate.maxLength(postalCode, "postalCode", 20);
        Validate.notNull(region, "region");
        new Destination(country, region);
    }

    /**
     * @param name the recipient
     * @param line1 the street line
     * @param city the city
     * @param postalCode the postal code
     * @param country the ISO country code
     * @return an address without second line or region
     */
    public static Address of(String name, String line1, String city, String postalCode, String country) {
        return new Address(name, line1, "", city, postalCode, country, Optional.empty());
    }

    /** @return where it is, for tax and shipping rates */
    public Destination destination() {
        return new Destination(country, region);
    }
}
