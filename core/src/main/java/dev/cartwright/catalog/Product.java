package dev.cartwright.catalog;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A sellable product. Immutable; change it through {@link Catalog}.
 *
 * @param id the identity
 * @param sku the unique stock keeping unit
 * @param name the display name, stored exactly as given
 * @param description the long description, possibly empty, stored exactly as given
 * @param price the unit price
 * @param taxClass the tax class that pricing looks rates up by, such as {@code "standard"}
 * @param categories the category slugs it is listed under
 * @param attributes free-form attributes such as {@code color=red}
 * @param status active or archived
 * @param version incremented by every change, for optimistic concurrency
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Product(
        ProductId id,
        Sku sku,
        String name,
        String description,
        Money price,
        String taxClass,
        Set<String> categories,
        Map<String, String> attributes,
        ProductStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Validates and defensively copies. */
    public Product {
        Validate.notNull(id, "id");
        Validate.notNull(sku, "sku");
        Validate.notNull(name, "name");
        Validate.notNull(description, "description");
        Validate.notNull(price, "price");
        Validate.notNull(taxClass, "taxClass");
        categories = Set.copyOf(Validate.notNull(categories, "categories"));
        attributes = Map.copyOf(Validate.notNull(attributes, "attributes"));
        Validate.notNull(status, "status");
        Validate.notNull(createdAt, "createdAt");
        Validate.notNull(updatedAt, "updatedAt");
    }

    /** @return whether it is listed and sellable */
    public boolean isActive() {
        return status == ProductStatus.ACTIVE;
    }
}
