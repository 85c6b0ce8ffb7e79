package dev.cartwright.order;

/** How far an {@link Order}'s goods have been shipped and delivered. */
public enum FulfillmentStatus {
    /** Nothing shipped yet. */
    UNFULFILLED,
    /** Some units shipped. */
    PARTIALLY_FULFILLED,
    /** Every unit shipped. */
    FULFILLED,
    /** Every unit delivered. */
    DELIVERED
}
