package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;

/**
 * An asynchronous message from the payment gateway (a webhook), already authenticated and parsed by
 * the host, telling where a payment stands at the gateway.
 *
 * <p>Amounts are <em>totals so far</em>, as gateways report them (Stripe's {@code amount_captured},
 * {@code amount_refunded}): a {@link Type#CAPTURED} notification of 30.00 means 30.00 has been
 * captured in all, not 30.00 more. That makes applying a notification idempotent and lets it race the
 * synchronous answer to the same operation without counting anything twice.
 *
 * @param gatewayEventId the gateway's unique id of this notification; a redelivery carries the same id
 * @param idempotencyKey the idempotency key of the authorization it concerns (gateways echo it as
 *     metadata), which finds the {@link Payment}
 * @param gatewayPaymentId the gateway's id of the payment
 * @param type what the gateway reports
 * @param total for {@code AUTHORIZED}, {@code CAPTURED} and {@code REFUNDED}, the total authorized,
 *     captured or refunded so far; ignored (may be zero) for the others
 * @param declineReason for {@code DECLINED}, why; {@code null} for the others
 * @param occurredAt when it happened at the gateway
 */
public record GatewayNotification(
        String gatewayEventId,
        String idempotencyKey,
        String gatewayPaymentId,
        Type type,
        Money total,
        DeclineReason declineReason,
        Instant occurredAt) {

    /** What a notification reports. */
    public enum Type {
        /** The payment is authorized for {@code total}. */
        AUTHORIZED,
        /** {@code total} has been captured so far. */
        CAPTURED,
        /** {@code total} has been refunded so far. */
        REFUNDED,
        /** The authorization was released. */
        VOIDED,
        /** The authorization was declined. */
        DECLINED
    }

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} for a blank id, key or gateway payment id, a
     *     missing or negative total, a non-positive total for an amount-carrying type, or a
     *     {@code DECLINED} without a reason
     */
    public GatewayNotification {
        PaymentChecks.text(gatewayEventId, "gatewayEventId");
        PaymentChecks.text(idempotencyKey, "idempotencyKey");
        PaymentChecks.text(gatewayPaymentId, "gatewayPaymentId");
        Validate.notNull(type, "type");
        Validate.notNull(total, "total");
        if (total.isNegative()) {
            throw CommerceException.invalid("total", "must not be negative");
        }
        if ((type == Type.AUTHORIZED || type == Type.CAPTURED || type == Type.REFUNDED) && !total.isPositive()) {
            throw CommerceException.invalid("total", "must be greater than zero for " + type);
        }
        if (type == Type.DECLINED) {
            Validate.notNull(declineReason, "declineReason");
        }
        Validate.notNull(occurredAt, "occurredAt");
    }
}
