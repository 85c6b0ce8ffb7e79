package dev.cartwright.cart;

/** Where a cart is in its life. Only an {@link #ACTIVE} cart can change. */
public enum CartStatus {
    /** Being filled by a shopper. */
    ACTIVE,
    /** Turned into an order; kept for history. */
    CHECKED_OUT,
    /** A guest cart whose lines went into the customer's cart at login. */
    MERGED
}
