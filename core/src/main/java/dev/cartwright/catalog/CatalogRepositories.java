package dev.cartwright.catalog;

/** The repositories that {@link Catalog} works on inside one transaction. */
public interface CatalogRepositories {

    /** @return the products */
    ProductRepository products();
}
