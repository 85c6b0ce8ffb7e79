package dev.cartwright.payment;

/** What {@link Payments#handleNotification(GatewayNotification)} did with a notification. */
public enum NotificationOutcome {
    /** New, and it moved the payment forward. */
    APPLIED,
    /** New and recorded, but the payment already reflected it. */
    NO_CHANGE,
    /** Received before (same gateway event id); ignored. */
    DUPLICATE
}
