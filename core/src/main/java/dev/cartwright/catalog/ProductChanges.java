package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields an update changes; absent fields keep their value:
 * {@code ProductChanges.none().withPrice(newPrice).withName("Big mug")}.
 *
 * <p>Each given value obeys the same limits as in {@link NewProduct}. Categories and attributes,
 * when given, replace the whole set or map. Immutable and thread-safe.
 *
 * @param name the new display name
 * @param description the new long description
 * @param price the new unit price
 * @param taxClass the new tax class
 * @param categories the new category slugs
 * @param attributes the new attributes
 */
public record ProductChanges(
        Optional<String> name,
        Optional<String> description,
        Optional<Money> price,
        Optional<String> taxClass,
        Optional<Set<String>> categories,
        Optional<Map<String, String>> attributes) {

    private static final ProductChanges NONE = new ProductChanges(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Validates each given value and defensively copies.
     *
     * @throws CommerceException {@code VALIDATION} naming the first field out of its limits
     */
    public ProductChanges {
        name = Validate.notNull(name, "name").map(ProductRules::name);
        description = Validate.notNull(description, "description").map(ProductRules::description);
        price = Validate.notNull(price, "price").map(ProductRules::price);
        taxClass = Validate.notNull(taxClass, "taxClass").map(ProductRules::taxClass);
        categories = Validate.notNull(categories, "categories").map(ProductRules::categories);
        attributes = Validate.notNull(attributes, "attributes").map(ProductRules::attributes);
    }

    /** @return changes that change nothing, to add to with the {@code with...} methods */
    public static ProductChanges none() {
        return NONE;
    }

    /**
     * @param newName the display name
     * @return these changes, also changing the name
     * @throws CommerceException {@code VALIDATION} if it is blank or too long
     */
    public ProductChanges withName(String newName) {
        return new ProductChanges(Optional.of(ProductRules.name(newName)), description, price, taxClass, categories, attributes);
    }

    /**
     * @param newDescription the long description, possibly empty
     * @return these changes, also changing the description
     * @throws CommerceException {@code VALIDATION} if it is too long
     */
    public ProductChanges withDescription(String newDescription) {
        return new ProductChanges(name, Optional.of(ProductRules.description(newDescription)), price, taxClass, categories, attributes);
    }

    /**
     * @param newPrice the unit price
     * @return these changes, also changing the price
     * @throws CommerceException {@code VALIDATION} if it is negative
     */
    public ProductChanges withPrice(Money newPrice) {
        return new ProductChanges(name, description, Optional.of(ProductRules.price(newPrice)), taxClass, categories, attributes);
    }

    /**
     * @param newTaxClass the tax class
     * @return these changes, also changing the tax class
     * @throws CommerceException {@code VALIDATION} if it is malformed
     */
    public ProductChanges withTaxClass(String newTaxClass) {
        return new ProductChanges(name, description, price, Optional.of(ProductRules.taxClass(newTaxClass)), categories, attributes);
    }

    /**
     * @param newCategories the category slugs, replacing the product's
     * @return these changes, also changing the categories
     * @throws CommerceException {@code VALIDATION} if one is malformed or there are too many
     */
    public ProductChanges withCategories(Set<String> newCategories) {
        return new ProductChanges(name, description, price, taxClass, Optional.of(ProductRules.categories(newCategories)), attributes);
    }

    /**
     * @param newAttributes the attributes, replacing the product's
     * @return these changes, also changing the attributes
     * @throws CommerceException {@code VALIDATION} if one is out of its limits or there are too many
     */
    public ProductChanges withAttributes(Map<String, String> newAttributes) {
        return new ProductChanges(name, description, price, taxClass, categories, Optional.of(ProductRules.attributes(newAttributes)));
    }

    /** @return whether no field is changed */
    public boolean isEmpty() {
        return equals(NONE);
    }

    Product applyTo(Product current, Instant now) {
        return new Product(
                current.id(),
                current.sku(),
                name.orElse(current.name()),
                description.orElse(current.description()),
                price.orElse(current.price()),
                taxClass.orElse(current.taxClass()),
                categories.orElse(current.categories()),
                attributes.orElse(current.attributes()),
                current.status(),
                current.version() + 1,
                current.createdAt(),
                now);
    }
}
