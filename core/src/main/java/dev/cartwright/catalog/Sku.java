package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.regex.Pattern;

/**
 * A stock keeping unit: the code that names one sellable product, unique in a catalog.
 *
 * <p>1 to 64 characters of ASCII letters, digits, {@code '-'}, {@code '_'} and {@code '.'}, compared
 * exactly (case-sensitive), so it is safe in URLs, file names and logs.
 *
 * @param value the code
 */
public record Sku(String value) implements Comparable<Sku> {

    /** The longest SKU accepted. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    /** Validates the format. */
    public Sku {
        Validate.notNull(value, "sku");
        if (!FORMAT.matcher(value).matches()) {
            throw CommerceException.invalid("sku",
                    "must be 1 to " + MAX_LENGTH + " letters, digits, '-', '_' or '.'");
        }
    }

    /**
     * @param value the code
     * @return the SKU
     */
    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
