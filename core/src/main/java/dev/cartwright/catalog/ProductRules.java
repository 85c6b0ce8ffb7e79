package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The limits on a product's fields, shared by {@link NewProduct} and {@link ProductChanges}. */
final class ProductRules {

    static final int MAX_NAME_LENGTH = 1000;
    static final int MAX_DESCRIPTION_LENGTH = 20_000;
    static final int MAX_CATEGORIES = 20;
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_ATTRIBUTE_KEY_LENGTH = 64;
    static final int MAX_ATTRIBUTE_VALUE_LENGTH = 1000;
    static final String DEFAULT_TAX_CLASS = "standard";

    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern TAX_CLASS = Pattern.compile("[a-z0-9_-]{1,32}");

    private ProductRules() {
    }

    static String name(String name) {
        return Validate.notBlank(name, "name", MAX_NAME_LENGTH);
    }

    static String description(String description) {
        return Validate.maxLength(description, "description", MAX_DESCRIPTION_LENGTH);
    }

    static Money price(Money price) {
        Validate.notNull(price, "price");
        if (price.isNegative()) {
            throw CommerceException.invalid("price", "must not be negative");
        }
        return price;
    }

    static String taxClass(String taxClass) {
        Validate.notNull(taxClass, "taxClass");
        if (!TAX_CLASS.matcher(taxClass).matches()) {
            throw CommerceException.invalid("taxClass", "must be 1 to 32 of a-z, 0-9, '_' and '-'");
        }
        return taxClass;
    }

    static String category(String category, String field) {
        Validate.notNull(category, field);
        if (!CATEGORY.matcher(category).matches()) {
            throw CommerceException.invalid(field, "must be a slug of 1 to 64 of a-z, 0-9 and '-', not starting with '-'");
        }
        return category;
    }

    static Set<String> categories(Set<String> categories) {
        Validate.noNulls(categories, "categories");
        if (categories.size() > MAX_CATEGORIES) {
            throw CommerceException.invalid("categories", "must be at most " + MAX_CATEGORIES);
        }
        categories.forEach(category -> category(category, "categories"));
        return Set.copyOf(categories);
    }

    static Map<String, String> attributes(Map<String, String> attributes) {
        Validate.notNull(attributes, "attributes");
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw CommerceException.invalid("attributes", "must be at most " + MAX_ATTRIBUTES);
        }
        // Copy first: immutable maps throw on containsKey(null), and the caller's map may change under us.
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            String key = entry.getKey();
            if (key == null || key.isEmpty() || key.length() > MAX_ATTRIBUTE_KEY_LENGTH) {
                throw CommerceException.invalid("attributes",
                        "keys must be 1 to " + MAX_ATTRIBUTE_KEY_LENGTH + " characters");
            }
            String value = entry.getValue();
            if (value == null || value.length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
                throw CommerceException.invalid("attributes",
                        "values must be present and at most " + MAX_ATTRIBUTE_VALUE_LENGTH + " characters");
            }
            Validate.maxLength(key, "attributes", MAX_ATTRIBUTE_KEY_LENGTH);
            Validate.maxLength(value, "attributes", MAX_ATTRIBUTE_VALUE_LENGTH);
            copy.put(key, value);
        }
        return Map.copyOf(copy);
    }
}
