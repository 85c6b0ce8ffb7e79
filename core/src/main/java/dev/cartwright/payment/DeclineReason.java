package dev.cartwright.payment;

/** Why a gateway declined an operation. Expected outcomes, not errors. */
public enum DeclineReason {
    /** The issuer declined without saying why. */
    DECLINED,
    /** The account does not hold enough funds. */
    INSUFFICIENT_FUNDS,
    /** The card has expired. */
    EXPIRED_CARD,
    /** The token is unknown to the gateway, used up, or not usable for this operation. */
    INVALID_PAYMENT_METHOD,
    /** The gateway refused the operation as likely fraud. */
    SUSPECTED_FRAUD
}
