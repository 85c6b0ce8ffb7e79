package dev.cartwright.payment;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;

/**
 * One change of a {@link Payment}, kept in its log in the order they happened.
 *
 * @param kind what happened
 * @param amount the amount it moved (zero for a void, decline or failure)
 * @param gatewayEventId the gateway's id of the notification that brought it, or {@code null} when
 *     it came as the gateway's synchronous answer
 * @param detail a short explanation, such as the decline reason; possibly empty
 * @param at when it was recorded, by the injected clock
 */
public record PaymentLogEntry(Kind kind, Money amount, String gatewayEventId, String detail, Instant at) {

    /** What a log entry records. */
    public enum Kind {
        /** The gateway authorized {@code amount}. */
        AUTHORIZED,
        /** {@code amount} was captured. */
        CAPTURED,
        /** {@code amount} was refunded. */
        REFUNDED,
        /** The authorization was released. */
        VOIDED,
        /** The gateway declined; {@code detail} names the {@link DeclineReason}. */
        DECLINED,
        /** The payment was given up on; {@code detail} says why. */
        FAILED
    }

    /** Validates. */
    public PaymentLogEntry {
        Validate.notNull(kind, "kind");
        Validate.notNull(amount, "amount");
        if (gatewayEventId != null) {
            PaymentChecks.text(gatewayEventId, "gatewayEventId");
        }
        Validate.maxLength(detail, "detail", PaymentChecks.MAX_LENGTH);
        Validate.notNull(at, "at");
    }
}
