package dev.cartwright.payment;

import dev.cartwright.event.CommerceEvent;

/** A fact about a payment, for listeners that switch over the payment context's events. */
public sealed interface PaymentEvent extends CommerceEvent
        permits PaymentAuthorized, PaymentCaptured, PaymentRefunded, PaymentVoided, PaymentFailed {

    /** @return the payment it is about */
    PaymentId paymentId();

    /** @return what the payment pays, such as an order id */
    String reference();
}
