package dev.cartwright.catalog;

/** Whether a product can be sold. */
public enum ProductStatus {
    /** Listed and sellable. */
    ACTIVE,
    /** Kept for history (orders name it) but no longer listed or sellable. */
    ARCHIVED
}
