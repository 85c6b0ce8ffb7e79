package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.Map;
import java.util.Set;

/**
 * What a product is created from: {@code NewProduct.of("MUG-1", "Mug", price).withCategories(Set.of("kitchen"))}.
 *
 * <p>The limits, each failing with {@code VALIDATION} naming the field:
 * <ul>
 *   <li>{@code name}: 1 to 1000 characters, not blank;</li>
 *   <li>{@code description}: at most 20000 characters, empty by default;</li>
 *   <li>{@code price}: zero or more, in any currency;</li>
 *   <li>{@code taxClass}: 1 to 32 of {@code a-z 0-9 _ -}, {@code "standard"} by default;</li>
 *   <li>{@code categories}: at most 20 slugs matching {@code [a-z0-9][a-z0-9-]{0,63}};</li>
 *   <li>{@code attributes}: at most 50, keys 1 to 64 characters, values at most 1000.</li>
 * </ul>
 * Strings are kept exactly as given: no trimming, no normalisation. Immutable and thread-safe.
 *
 * @param sku the unique stock keeping unit
 * @param name the display name
 * @param description the long description, possibly empty
 * @param price the unit price
 * @param taxClass the tax class
 * @param categories the category slugs
 * @param attributes free-form attributes
 */
public record NewProduct(
        Sku sku,
        String name,
        String description,
        Money price,
        String taxClass,
        Set<String> categories,
        Map<String, String> attributes) {

    /**
     * Validates and defensively copies.
     *
     * @throws CommerceException {@code VALIDATION} naming the first field out of its limits
     */
    public NewProduct {
        Validate.notNull(sku, "sku");
        name = ProductRules.name(name);
        description = ProductRules.description(description);
        price = ProductRules.price(price);
        taxClass = ProductRules.taxClass(taxClass);
        categories = ProductRules.categories(categories);
        attributes = ProductRules.attributes(attributes);
    }

    /**
     * A product with an empty description, tax class {@code "standard"}, no categories and no attributes.
     *
     * @param sku the SKU text
     * @param name the display name
     * @param price the unit price
     * @return the new product's description
     * @throws CommerceException {@code VALIDATION} if an argument is out of its limits
     */
    public static NewProduct of(String sku, String name, Money price) {
        return new NewProduct(Sku.of(sku), name, "", price, ProductRules.DEFAULT_TAX_CLASS, Set.of(), Map.of());
    }

    /**
     * @param newDescription the long description
     * @return a copy with that description
     * @throws CommerceException {@code VALIDATION} if it is too long
     */
    public NewProduct withDescription(String newDescription) {
        return new NewProduct(sku, name, newDescription, price, taxClass, categories, attributes);
    }

    /**
     * @param newTaxClass the tax class
     * @return a copy with that tax class
     * @throws CommerceException {@code VALIDATION} if it is malformed
     */
    public NewProduct withTaxClass(String newTaxClass) {
        return new NewProduct(sku, name, description, price, newTaxClass, categories, attributes);
    }

    /**
     * @param newCategories the category slugs, replacing any given before
     * @return a copy with those categories
     * @throws CommerceException {@code VALIDATION} if one is malformed or there are too many
     */
    public NewProduct withCategories(Set<String> newCategories) {
        return new NewProduct(sku, name, description, price, taxClass, newCategories, attributes);
    }

    /**
     * @param newAttributes the attributes, replacing any given before
     * @return a copy with those attributes
     * @throws CommerceException {@code VALIDATION} if one is out of its limits or there are too many
     */
    public NewProduct withAttributes(Map<String, String> newAttributes) {
        return new NewProduct(sku, name, description, price, taxClass, categories, newAttributes);
    }
}
