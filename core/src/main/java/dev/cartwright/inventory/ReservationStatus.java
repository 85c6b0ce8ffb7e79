package dev.cartwright.inventory;

/** Where a {@link Reservation} stands. Only {@link #LIVE} holds stock. */
public enum ReservationStatus {
    /** Holds stock until it expires; can be committed or released. */
    LIVE,
    /** Passed its expiry without being committed or released: holds nothing, cannot be committed. */
    EXPIRED,
    /** Given back: holds nothing, cannot be committed. */
    RELEASED,
    /** Sold: its units left on hand and count as sold. */
    COMMITTED
}
