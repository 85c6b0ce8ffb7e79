package dev.cartwright.order;

import dev.cartwright.payment.PaymentStatus;

/** The state of an {@link Order}'s current payment, as the order shows it. */
public enum OrderPaymentStatus {
    /** Sent, or about to be sent, to the gateway; the outcome is not known yet. */
    PENDING,
    /** Declined; the order can be paid again with another payment method until it expires. */
    DECLINED,
    /** Given up on without a charge. */
    FAILED,
    /** Authorized, nothing captured. */
    AUTHORIZED,
    /** Part of the authorization captured. */
    PARTIALLY_CAPTURED,
    /** The whole authorization captured. */
    CAPTURED,
    /** Part of the captured amount refunded. */
    PARTIALLY_REFUNDED,
    /** All the captured amount refunded. */
    REFUNDED,
    /** The authorization was released. */
    VOIDED,
    /** A free order (its grand total is zero): there is nothing to pay. */
    NOT_REQUIRED;

    /**
     * @param status a payment's status
     * @return the same state, as an order shows it
     */
    public static OrderPaymentStatus of(PaymentStatus status) {
        return valueOf(status.name());
    }

    /** @return whether money was authorized (and so the order may be confirmed) */
    public boolean isApproved() {
        return this != PENDING && this != DECLINED && this != FAILED;
    }
}
