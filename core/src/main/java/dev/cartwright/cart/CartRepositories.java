package dev.cartwright.cart;

import dev.cartwright.catalog.CatalogRepositories;
import dev.cartwright.pricing.PricingRepositories;

/**
 * The repositories that {@link Carts} works on inside one transaction: carts, plus the products and
 * promotions it reads.
 */
public interface CartRepositories extends CatalogRepositories, PricingRepositories {

    /** @return the carts */
    CartRepository carts();
}
