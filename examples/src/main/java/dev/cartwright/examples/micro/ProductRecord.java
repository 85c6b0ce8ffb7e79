package dev.cartwright.examples.micro;

import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductStatus;
import dev.cartwright.catalog.Sku;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A product as product-service hands it to order-service: every field of {@link Product}, money in minor units, so
 * that order-service prices with exactly what product-service stores.
 */
record ProductRecord(String id, String sku, String name, String description, long priceMinorUnits, String currency,
        String taxClass, Set<String> categories, Map<String, String> attributes, String status, long version,
        String createdAt, String updatedAt) {

    static ProductRecord of(Product product) {
        return new ProductRecord(product.id().toString(), product.sku().value(), product.name(), product.description(),
                product.price().minorUnits(), product.price().currency().getCurrencyCode(), product.taxClass(),
                product.categories(), product.attributes(), product.status().name(), product.version(),
                product.createdAt().toString(), product.updatedAt().toString());
    }

    Product toProduct() {
        return new Product(ProductId.parse(id), Sku.of(sku), name, description,
                Money.ofMinor(priceMinorUnits, Money.currency(currency)), taxClass, categories, attributes,
                ProductStatus.valueOf(status), version, Instant.parse(createdAt), Instant.parse(updatedAt));
    }
}
