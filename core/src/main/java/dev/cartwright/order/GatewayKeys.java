package dev.cartwright.order;

import dev.cartwright.money.Money;
import dev.cartwright.payment.PaymentId;

/**
 * Every idempotency key that order workflows send to the payment gateway. Each is derived from what it moves
 * money for, so that whoever asks again (a retry, a sweep, another process) asks under the same key and the
 * gateway moves the money once. The texts are stored with payments and must never change.
 */
final class GatewayKeys {

    private GatewayKeys() {
    }

    /** @return the key of the payment created with the order */
    static String firstPayment(OrderId order) {
        return "order:" + order + ":payment:1";
    }

    /** @return the key of a new payment attempt on the order, made with the client's idempotency key */
    static String retry(OrderId order, String idempotencyKey) {
        return "order:" + order + ":retry:" + idempotencyKey;
    }

    /** @return the key of the void or refund that cancels a paid order, one per payment */
    static String cancel(PaymentId payment) {
        return operation(payment, "cancel");
    }

    /** @return the key of the void or refund of money approved after its order was cancelled */
    static String giveBack(PaymentId payment) {
        return operation(payment, "give-back");
    }

    /**
     * @return the key of the refund with which a cancel gives back what it found captured beyond what it gave
     *     back first (a capture it did not see), one per captured total: each such capture raises it
     */
    static String cancelRest(PaymentId payment, Money captured) {
        return operation(payment, "cancel-rest:" + captured.minorUnits());
    }

    /** @return the key of the refund of a capture operation recorded after its order was cancelled */
    static String captureGivenBack(PaymentId payment, String operationKey) {
        return operation(payment, "capture-given-back:" + operationKey);
    }

    /** @return the key of one capture operation, as the caller identified it */
    static String capture(PaymentId payment, String operationKey) {
        return operation(payment, "capture:" + operationKey);
    }

    /** @return the key of one refund operation, as the caller identified it */
    static String refund(PaymentId payment, String operationKey) {
        return operation(payment, "refund:" + operationKey);
    }

    private static String operation(PaymentId payment, String what) {
        return "op:" + payment + ":" + what;
    }
}
