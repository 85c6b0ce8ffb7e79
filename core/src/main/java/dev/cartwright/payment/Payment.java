package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * A payment for something the shop sells, named only by an opaque {@code reference} (such as an
 * order id), and what the gateway has done with it. Immutable and thread-safe: every change is a
 * method named for its intent that returns a new {@code Payment} with {@code version} one higher
 * and an entry appended to the {@code log}, or throws and leaves this one as it was.
 *
 * <p>Invariants, checked on construction: every amount is in {@code amount}'s currency and not
 * negative; {@code authorized <= amount}; {@code captured <= authorized}; {@code refunded <= captured};
 * the status agrees with the amounts.
 *
 * @param id the identity
 * @param reference what it pays, opaque to this context, stored exactly as given
 * @param amount what is due; positive
 * @param status where it stands
 * @param authorized the total authorized at the gateway
 * @param captured the total captured
 * @param refunded the total refunded
 * @param method the gateway token and its display details
 * @param gatewayPaymentId the gateway's id for it, or {@code null} until it is authorized
 * @param idempotencyKey the key its authorization is sent with; unique among payments
 * @param log what happened to it, oldest first
 * @param version incremented by every change, for optimistic concurrency; 1 when new
 * @param createdAt when it was started
 * @param updatedAt when it last changed
 */
public record Payment(
        PaymentId id,
        String reference,
        Money amount,
        PaymentStatus status,
        Money authorized,
        Money captured,
        Money refunded,
        PaymentMethod method,
        String gatewayPaymentId,
        String idempotencyKey,
        List<PaymentLogEntry> log,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Validates the invariants and copies the log.
     *
     * @throws CommerceException {@code VALIDATION} naming the field that breaks an invariant, or
     *     {@code CURRENCY_MISMATCH} for an amount in another currency
     */
    public Payment {
        Validate.notNull(id, "id");
        PaymentChecks.text(reference, "reference");
        PaymentChecks.positive(amount, "amount");
        Validate.notNull(status, "status");
        Currency currency = amount.currency();
        PaymentChecks.sameCurrency(authorized, currency, "authorized");
        PaymentChecks.sameCurrency(captured, currency, "captured");
        PaymentChecks.sameCurrency(refunded, currency, "refunded");
        Validate.notNegative(authorized.minorUnits(), "authorized");
        Validate.notNegative(captured.minorUnits(), "captured");
        Validate.notNegative(refunded.minorUnits(), "refunded");
        if (authorized.compareTo(amount) > 0) {
            throw CommerceException.invalid("authorized", "must not exceed the amount due");
        }
        if (captured.compareTo(authorized) > 0) {
            throw CommerceException.invalid("captured", "must not exceed the authorized amount");
        }
        if (refunded.compareTo(captured) > 0) {
            throw CommerceException.invalid("refunded", "must not exceed the captured amount");
        }
        Validate.notNull(method, "method");
        if (gatewayPaymentId != null) {
            PaymentChecks.text(gatewayPaymentId, "gatewayPaymentId");
        } else if (authorized.isPositive() || status == PaymentStatus.VOIDED) {
            throw CommerceException.invalid("gatewayPaymentId", "is required once authorized");
        }
        PaymentChecks.text(idempotencyKey, "idempotencyKey");
        log = List.copyOf(Validate.noNulls(log, "log"));
        Validate.positive(version, "version");
        Validate.notNull(createdAt, "createdAt");
        Validate.notNull(updatedAt, "updatedAt");
        if (!status.equals(expectedStatus(status, authorized, captured, refunded))) {
            throw CommerceException.invalid("status", status + " does not agree with authorized " + authorized
                    + ", captured " + captured + ", refunded " + refunded);
        }
    }

    /**
     * Starts a payment before the gateway is asked, so that a crash after the gateway call can be
     * repaired by asking the gateway about {@code idempotencyKey}.
     *
     * @param id its id
     * @param reference what it pays, such as an order id
     * @param amount what is due; positive
     * @param method the payment method
     * @param idempotencyKey the key to authorize with
     * @param at now, by the injected clock
     * @return a {@link PaymentStatus#PENDING} payment, version 1
     * @throws CommerceException {@code VALIDATION} for a missing or invalid argument
     */
    public static Payment start(PaymentId id, String reference, Money amount, PaymentMethod method,
            String idempotencyKey, Instant at) {
        PaymentChecks.positive(amount, "amount");
        Money zero = Money.zero(amount.currency());
        return new Payment(id, reference, amount, PaymentStatus.PENDING, zero, zero, zero, method, null,
                idempotencyKey, List.of(), 1, at, at);
    }

    /** @return the currency of every amount of this payment */
    public Currency currency() {
        return amount.currency();
    }

    /** @return what has been captured and not refunded */
    public Money netCaptured() {
        return captured.minus(refunded);
    }

    /** @return what is authorized and not yet captured (zero once voided) */
    public Money capturable() {
        return status == PaymentStatus.AUTHORIZED || status == PaymentStatus.PARTIALLY_CAPTURED
                ? authorized.minus(captured) : Money.zero(currency());
    }

    /** @return what is captured and not yet refunded */
    public Money refundable() {
        return captured.minus(refunded);
    }

    /**
     * Records the gateway's authorization.
     *
     * @param gatewayPaymentId the gateway's id for the payment
     * @param authorizedAmount what the gateway authorized; positive, at most {@link #amount()}
     * @param gatewayEventId the notification that reported it, or {@code null} for a synchronous answer
     * @param at now
     * @return the {@link PaymentStatus#AUTHORIZED} payment
     * @throws CommerceException {@code VALIDATION} for an invalid argument, {@code CURRENCY_MISMATCH},
     *     or {@code INVALID_TRANSITION} unless {@link PaymentStatus#PENDING} or if more than is due
     */
    public Payment authorize(String gatewayPaymentId, Money authorizedAmount, String gatewayEventId, Instant at) {
        PaymentChecks.text(gatewayPaymentId, "gatewayPaymentId");
        checkAmount(authorizedAmount, "authorizedAmount");
        Validate.notNull(at, "at");
        requireStatus("authorize", PaymentStatus.PENDING);
        if (authorizedAmount.compareTo(amount) > 0) {
            throw transition("cannot authorize " + authorizedAmount + " of a payment of " + amount);
        }
        return next(PaymentStatus.AUTHORIZED, authorizedAmount, captured, refunded, gatewayPaymentId,
                new PaymentLogEntry(PaymentLogEntry.Kind.AUTHORIZED, authorizedAmount, gatewayEventId, "", at));
    }

    /**
     * Records a capture of part or the rest of the authorization.
     *
     * @param captureAmount what was captured now; positive, at most {@link #capturable()}
     * @param gatewayEventId the notification that reported it, or {@code null} for a synchronous answer
     * @param at now
     * @return the payment, {@link PaymentStatus#CAPTURED} once all the authorization is captured
     * @throws CommerceException {@code VALIDATION} for an invalid argument, {@code CURRENCY_MISMATCH},
     *     or {@code INVALID_TRANSITION} unless authorized or partially captured, or if it would capture
     *     more than authorized
     */
    public Payment capture(Money captureAmount, String gatewayEventId, Instant at) {
        checkAmount(captureAmount, "captureAmount");
        Validate.notNull(at, "at");
        requireStatus("capture", PaymentStatus.AUTHORIZED, PaymentStatus.PARTIALLY_CAPTURED);
        if (captureAmount.compareTo(capturable()) > 0) {
            throw transition("cannot capture " + captureAmount + ": only " + capturable() + " is capturable");
        }
        Money newCaptured = captured.plus(captureAmount);
        PaymentStatus next = newCaptured.equals(authorized) ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED;
        return next(next, authorized, newCaptured, refunded, gatewayPaymentId,
                new PaymentLogEntry(PaymentLogEntry.Kind.CAPTURED, captureAmount, gatewayEventId, "", at));
    }

    /**
     * Records a capture that the gateway performed before a refund it performed next, when the capture's answer is
     * recorded after that refund (staff capturing the rest while the order's cancel refunds what it saw captured).
     * The gateway moved the money, so the payment records it: on a payment with refunds it becomes
     * {@link PaymentStatus#PARTIALLY_REFUNDED}, with the capture {@link #refundable()} so that it can be given
     * back. Without refunds it is {@link #capture}.
     *
     * @param captureAmount what the gateway captured; positive, at most what is authorized and not captured
     * @param gatewayEventId the key or notification that reported it, or {@code null}
     * @param at now
     * @return the payment with the capture recorded
     * @throws CommerceException as {@link #capture} does; on a refunded payment, {@code INVALID_TRANSITION} if it
     *     would capture more than was authorized
     */
    public Payment capturePerformedBeforeARefund(Money captureAmount, String gatewayEventId, Instant at) {
        if (status != PaymentStatus.PARTIALLY_REFUNDED && status != PaymentStatus.REFUNDED) {
            return capture(captureAmount, gatewayEventId, at);
        }
        checkAmount(captureAmount, "captureAmount");
        Validate.notNull(at, "at");
        if (captureAmount.compareTo(authorized.minus(captured)) > 0) {
            throw transition("cannot capture " + captureAmount + ": only " + authorized.minus(captured)
                    + " was authorized and not captured");
        }
        return next(PaymentStatus.PARTIALLY_REFUNDED, authorized, captured.plus(captureAmount), refunded,
                gatewayPaymentId, new PaymentLogEntry(PaymentLogEntry.Kind.CAPTURED, captureAmount, gatewayEventId,
                        "", at));
    }

    /**
     * Records a refund of part or the rest of what was captured. No capture may follow a refund.
     *
     * @param refundAmount what was refunded now; positive, at most {@link #refundable()}
     * @param gatewayEventId the notification that reported it, or {@code null} for a synchronous answer
     * @param at now
     * @return the payment, {@link PaymentStatus#REFUNDED} once all that was captured is refunded
     * @throws CommerceException {@code VALIDATION} for an invalid argument, {@code CURRENCY_MISMATCH},
     *     or {@code INVALID_TRANSITION} if nothing is captured, all is refunded, or it would refund
     *     more than captured
     */
    public Payment refund(Money refundAmount, String gatewayEventId, Instant at) {
        checkAmount(refundAmount, "refundAmount");
        Validate.notNull(at, "at");
        requireStatus("refund", PaymentStatus.PARTIALLY_CAPTURED, PaymentStatus.CAPTURED,
                PaymentStatus.PARTIALLY_REFUNDED);
        if (refundAmount.compareTo(refundable()) > 0) {
            throw transition("cannot refund " + refundAmount + ": only " + refundable() + " is refundable");
        }
        Money newRefunded = refunded.plus(refundAmount);
        PaymentStatus next = newRefunded.equals(captured) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        return next(next, authorized, captured, newRefunded, gatewayPaymentId,
                new PaymentLogEntry(PaymentLogEntry.Kind.REFUNDED, refundAmount, gatewayEventId, "", at));
    }

    /**
     * Records that the authorization was released before any capture.
     *
     * @param gatewayEventId the notification that reported it, or {@code null} for a synchronous answer
     * @param at now
     * @return the {@link PaymentStatus#VOIDED} payment
     * @throws CommerceException {@code INVALID_TRANSITION} unless {@link PaymentStatus#AUTHORIZED}
     */
    public Payment voidAuthorization(String gatewayEventId, Instant at) {
        Validate.notNull(at, "at");
        requireStatus("void", PaymentStatus.AUTHORIZED);
        return next(PaymentStatus.VOIDED, authorized, captured, refunded, gatewayPaymentId,
                new PaymentLogEntry(PaymentLogEntry.Kind.VOIDED, Money.zero(currency()), gatewayEventId, "", at));
    }

    /**
     * Records that the gateway declined the authorization.
     *
     * @param reason why
     * @param gatewayEventId the notification that reported it, or {@code null} for a synchronous answer
     * @param at now
     * @return the {@link PaymentStatus#DECLINED} payment
     * @throws CommerceException {@code INVALID_TRANSITION} unless {@link PaymentStatus#PENDING}
     */
    public Payment decline(DeclineReason reason, String gatewayEventId, Instant at) {
        Validate.notNull(reason, "reason");
        Validate.notNull(at, "at");
        requireStatus("decline", PaymentStatus.PENDING);
        return next(PaymentStatus.DECLINED, authorized, captured, refunded, gatewayPaymentId,
                new PaymentLogEntry(PaymentLogEntry.Kind.DECLINED, Money.zero(currency()), gatewayEventId,
                        reason.name(), at));
    }

    /**
     * Gives the payment up without a charge, such as when recovery learns that the gateway never
     * received the authorization.
     *
     * @param reason why, for people; at most 255 characters
     * @param at now
     * @return the {@link PaymentStatus#FAILED} payment
     * @throws CommerceException {@code VALIDATION} for a blank reason, {@code INVALID_TRANSITION}
     *     unless {@link PaymentStatus#PENDING}
     */
    public Payment fail(String reason, Instant at) {
        PaymentChecks.text(reason, "reason");
        Validate.notNull(at, "at");
        requireStatus("fail", PaymentStatus.PENDING);
        return next(PaymentStatus.FAILED, authorized, captured, refunded, gatewayPaymentId,
                new PaymentLogEntry(PaymentLogEntry.Kind.FAILED, Money.zero(currency()), null, reason, at));
    }

    /**
     * Records the gateway's synchronous approval of this payment's authorization, moving only
     * forward, so that it is harmless when a notification of the same approval got there first or
     * when recovery records it again: a pending payment is authorized, and, if {@code captured},
     * whatever of the authorization is not yet captured is captured.
     *
     * @param approved the gateway's answer to {@link AuthorizationRequest#forPayment(Payment, boolean)}
     * @param captured whether the request asked to capture immediately
     * @param at now
     * @return the advanced payment, or {@code this} if it already reflects the approval
     * @throws CommerceException {@code INVALID_TRANSITION} if the payment is declined, failed or voided,
     *     or the approval does not fit it (another gateway id, more than is due)
     */
    public Payment recordApproval(GatewayResult.Approved approved, boolean captured, Instant at) {
        Validate.notNull(approved, "approved");
        Validate.notNull(at, "at");
        if (status == PaymentStatus.DECLINED || status == PaymentStatus.FAILED || status == PaymentStatus.VOIDED) {
            throw transition("cannot record an approval for a payment that is " + status);
        }
        if (gatewayPaymentId != null && !gatewayPaymentId.equals(approved.gatewayPaymentId())) {
            throw transition("approval is for gateway payment " + approved.gatewayPaymentId()
                    + ", not " + gatewayPaymentId);
        }
        Payment result = status == PaymentStatus.PENDING
                ? authorize(approved.gatewayPaymentId(), approved.amount(), null, at) : this;
        if (captured && result.capturable().isPositive()) {
            result = result.capture(result.capturable(), null, at);
        }
        return result;
    }

    /**
     * Records the gateway's synchronous decline of this payment's authorization, harmlessly again
     * if it was recorded already.
     *
     * @param declined the gateway's answer
     * @param at now
     * @return the {@link PaymentStatus#DECLINED} payment, or {@code this} if it already is
     * @throws CommerceException {@code INVALID_TRANSITION} unless pending or declined
     */
    public Payment recordDecline(GatewayResult.Declined declined, Instant at) {
        Validate.notNull(declined, "declined");
        return status == PaymentStatus.DECLINED ? this : decline(declined.reason(), null, at);
    }

    /**
     * Brings the payment up to what a gateway notification reports, moving it only forward: a
     * notification that this payment already reflects (an {@code AUTHORIZED} for an authorized
     * payment, a {@code CAPTURED} total no larger than {@link #captured()}) returns this very
     * instance, as does one that contradicts a terminal outcome (a {@code DECLINED} for an
     * authorized payment). Amount-carrying notifications add only the difference between their
     * total and what is already recorded, so they never count anything twice.
     *
     * @param notification what the gateway reports
     * @param at now
     * @return the advanced payment, or {@code this} if there is nothing to apply
     * @throws CommerceException {@code VALIDATION} if it concerns another payment (other idempotency
     *     key or gateway payment id), {@code CURRENCY_MISMATCH}, or {@code INVALID_TRANSITION} if it
     *     cannot be applied yet (a capture reported before the authorization): the caller should
     *     leave it unrecorded so that the gateway's redelivery is applied later
     */
    public Payment catchUp(GatewayNotification notification, Instant at) {
        Validate.notNull(notification, "notification");
        Validate.notNull(at, "at");
        if (!notification.idempotencyKey().equals(idempotencyKey)) {
            throw CommerceException.invalid("idempotencyKey", "belongs to another payment");
        }
        if (gatewayPaymentId != null && !notification.gatewayPaymentId().equals(gatewayPaymentId)) {
            throw CommerceException.invalid("gatewayPaymentId", "does not match the payment's gateway id");
        }
        String eventId = notification.gatewayEventId();
        Money total = notification.total();
        return switch (notification.type()) {
            case AUTHORIZED -> status == PaymentStatus.PENDING
                    ? authorize(notification.gatewayPaymentId(), PaymentChecks.sameCurrency(total, currency(), "total"),
                            eventId, at)
                    : this;
            case CAPTURED -> PaymentChecks.sameCurrency(total, currency(), "total").compareTo(captured) <= 0
                    ? this : capture(total.minus(captured), eventId, at);
            case REFUNDED -> PaymentChecks.sameCurrency(total, currency(), "total").compareTo(refunded) <= 0
                    ? this : refund(total.minus(refunded), eventId, at);
            case VOIDED -> status == PaymentStatus.VOIDED ? this : voidAuthorization(eventId, at);
            case DECLINED -> status == PaymentStatus.PENDING ? decline(notification.declineReason(), eventId, at) : this;
        };
    }

    /**
     * The events for the changes made since {@code earlier}, for an outbox to publish in the same
     * transaction that stores this payment.
     *
     * @param earlier this payment as it was read, before the changes
     * @return one event per log entry added since, oldest first; empty if none
     * @throws CommerceException {@code VALIDATION} if {@code earlier} is another payment or a later version
     */
    public List<PaymentEvent> eventsSince(Payment earlier) {
        Validate.notNull(earlier, "earlier");
        if (!earlier.id.equals(id) || earlier.log.size() > log.size()) {
            throw CommerceException.invalid("earlier", "is not an earlier version of payment " + id);
        }
        Money capturedSoFar = Money.zero(currency());
        Money refundedSoFar = Money.zero(currency());
        List<PaymentEvent> events = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            PaymentLogEntry entry = log.get(i);
            if (entry.kind() == PaymentLogEntry.Kind.CAPTURED) {
                capturedSoFar = capturedSoFar.plus(entry.amount());
            } else if (entry.kind() == PaymentLogEntry.Kind.REFUNDED) {
                refundedSoFar = refundedSoFar.plus(entry.amount());
            }
            if (i < earlier.log.size()) {
                continue;
            }
            events.add(switch (entry.kind()) {
                case AUTHORIZED -> new PaymentAuthorized(id, reference, entry.amount(), entry.at());
                case CAPTURED -> new PaymentCaptured(id, reference, entry.amount(), capturedSoFar, entry.at());
                case REFUNDED -> new PaymentRefunded(id, reference, entry.amount(), refundedSoFar, entry.at());
                case VOIDED -> new PaymentVoided(id, reference, entry.at());
                case DECLINED -> new PaymentFailed(id, reference, PaymentStatus.DECLINED, entry.detail(), entry.at());
                case FAILED -> new PaymentFailed(id, reference, PaymentStatus.FAILED, entry.detail(), entry.at());
            });
        }
        return List.copyOf(events);
    }

    private Payment next(PaymentStatus nextStatus, Money nextAuthorized, Money nextCaptured, Money nextRefunded,
            String nextGatewayPaymentId, PaymentLogEntry entry) {
        List<PaymentLogEntry> nextLog = new ArrayList<>(log.size() + 1);
        nextLog.addAll(log);
        nextLog.add(entry);
        return new Payment(id, reference, amount, nextStatus, nextAuthorized, nextCaptured, nextRefunded, method,
                nextGatewayPaymentId, idempotencyKey, nextLog, version + 1, createdAt, entry.at());
    }

    private void checkAmount(Money value, String field) {
        PaymentChecks.positive(value, field);
        PaymentChecks.sameCurrency(value, currency(), field);
    }

    private void requireStatus(String operation, PaymentStatus... allowed) {
        for (PaymentStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw transition("cannot " + operation + " a payment that is " + status);
    }

    private CommerceException transition(String message) {
        return new CommerceException(ErrorCode.INVALID_TRANSITION, "payment " + id + ": " + message);
    }

    private static PaymentStatus expectedStatus(PaymentStatus claimed, Money authorized, Money captured, Money refunded) {
        return switch (claimed) {
            case VOIDED -> authorized.isPositive() && captured.isZero() ? claimed : null;
            case DECLINED, FAILED -> authorized.isZero() ? claimed : null;
            default -> {
                if (refunded.isPositive()) {
                    yield refunded.equals(captured) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
                }
                if (captured.isPositive()) {
                    yield captured.equals(authorized) ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED;
                }
                yield authorized.isPositive() ? PaymentStatus.AUTHORIZED : PaymentStatus.PENDING;
            }
        };
    }
}
