package dev.cartwright.payment;

/**
 * Where a {@link Payment} stands. Apart from the terminal {@link #VOIDED}, {@link #DECLINED} and
 * {@link #FAILED}, the status follows from the authorized, captured and refunded amounts.
 */
public enum PaymentStatus {
    /** Recorded before the gateway was asked; nothing authorized yet. */
    PENDING,
    /** Authorized at the gateway, nothing captured yet. */
    AUTHORIZED,
    /** Part of the authorization captured; more may be. */
    PARTIALLY_CAPTURED,
    /** The whole authorization captured. */
    CAPTURED,
    /** Part of the captured amount refunded; more may be. */
    PARTIALLY_REFUNDED,
    /**
     * The whole captured amount refunded. Terminal, but for a capture the gateway performed before the refund
     * whose answer comes later ({@link Payment#capturePerformedBeforeARefund}): that makes it partially refunded.
     */
    REFUNDED,
    /** The authorization was released without any capture. Terminal. */
    VOIDED,
    /** The gateway declined the authorization. Terminal. */
    DECLINED,
    /** Given up on without a charge, such as after recovery found the gateway never saw it. Terminal. */
    FAILED;

    /**
     * @return whether no operation can change a payment in this status any more (a refunded one records only a
     *     capture the gateway performed before its refund)
     */
    public boolean isTerminal() {
        return this == REFUNDED || this == VOIDED || this == DECLINED || this == FAILED;
    }
}
