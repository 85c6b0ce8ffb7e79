package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory stand-in for a card network, for tests, demos and the examples. It behaves as a
 * careful provider does: every operation is idempotent by key, money moves only within what was
 * authorized and captured, and card numbers are refused.
 *
 * <p>The payment token decides what happens to an authorization:
 * <table>
 * <caption>Tokens</caption>
 * <tr><th>token</th><th>behaviour</th></tr>
 * <tr><td>{@value #VISA}, {@value #MASTERCARD}</td><td>approved</td></tr>
 * <tr><td>{@value #DECLINE}</td><td>declined, {@link DeclineReason#DECLINED}</td></tr>
 * <tr><td>{@value #INSUFFICIENT_FUNDS}</td><td>declined, {@link DeclineReason#INSUFFICIENT_FUNDS}</td></tr>
 * <tr><td>{@value #EXPIRED_CARD}</td><td>declined, {@link DeclineReason#EXPIRED_CARD}</td></tr>
 * <tr><td>{@value #FAIL}</td><td>{@link PaymentGatewayException} on every call; nothing is recorded</td></tr>
 * <tr><td>{@value #TIMEOUT_THEN_OK}</td><td>approved, but the first call of every key on this payment
 *     (the authorization, and each later capture, void or refund) performs the operation and then
 *     throws {@link GatewayTimeoutException}, so the caller does not know the outcome; a retry with
 *     the same key returns the recorded result</td></tr>
 * <tr><td>any other token</td><td>declined, {@link DeclineReason#INVALID_PAYMENT_METHOD}</td></tr>
 * </table>
 *
 * <p>A repeat of a key returns its first result, even a decline, and moves nothing; a key reused for a
 * different request fails with {@code CONFLICT}. Capturing more than is authorized and not captured,
 * refunding more than is captured and not refunded, voiding after a capture, or acting on a voided
 * payment fails with {@code INVALID_TRANSITION}; an unknown gateway payment id with {@code NOT_FOUND};
 * these failures record nothing under the key. Gateway payment ids are {@code "sim_pay_1"},
 * {@code "sim_pay_2"}, ... in order of authorization.
 *
 * <p>Counters ({@link #authorizationCount()} and the like) tell how many operations were actually
 * performed, so a test can assert that retries charged once. Thread-safe: one lock guards it all.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

    /** Approved. */
    public static final String VISA = "tok_visa";
    /** Approved. */
    public static final String MASTERCARD = "tok_mastercard";
    /** Declined with {@link DeclineReason#DECLINED}. */
    public static final String DECLINE = "tok_decline";
    /** Declined with {@link DeclineReason#INSUFFICIENT_FUNDS}. */
    public static final String INSUFFICIENT_FUNDS = "tok_insufficient_funds";
    /** Declined with {@link DeclineReason#EXPIRED_CARD}. */
    public static final String EXPIRED_CARD = "tok_expired_card";
    /** Every call throws {@link PaymentGatewayException}. */
    public static final String FAIL = "tok_fail";
    /** Approved, but the first call of each key times out after it was performed. */
    public static final String TIMEOUT_THEN_OK = "tok_timeout_then_ok";

    /**
     * What the simulator holds for one authorized payment.
     *
     * @param gatewayPaymentId its gateway id
     * @param reference the merchant reference it was authorized with
     * @param authorized the amount authorized
     * @param captured the total captured
     * @param refunded the total refunded
     * @param voided whether the authorization was released
     */
    public record Charge(String gatewayPaymentId, String reference, Money authorized, Money captured,
            Money refunded, boolean voided) {
    }

    private record Recorded(Object request, GatewayResult result) {
    }

    private final Object lock = new Object();
    private final Map<String, Recorded> byKey = new HashMap<>();
    private final Map<String, Charge> charges = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private long authorizations;
    private long captures;
    private long voids;
    private long refunds;

    /** Creates a simulator with no payments. */
    public SimulatedPaymentGateway() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws CommerceException {@code VALIDATION} for a {@code null} request, {@code CONFLICT} for a
     *     key reused with another request, {@link PaymentGatewayException} for {@value #FAIL} and the
     *     first call of a key with {@value #TIMEOUT_THEN_OK}
     */
    @Override
    public GatewayResult authorize(AuthorizationRequest request) {
        Validate.notNull(request, "request");
        synchronized (lock) {
            Optional<GatewayResult> repeat = repeat(request.idempotencyKey(), request);
            if (repeat.isPresent()) {
                return repeat.get();
            }
            String token = request.paymentToken();
            GatewayResult result = switch (token) {
                case VISA, MASTERCARD, TIMEOUT_THEN_OK -> approveAuthorization(request);
                case DECLINE -> new GatewayResult.Declined(DeclineReason.DECLINED, "do not honour");
                case INSUFFICIENT_FUNDS -> new GatewayResult.Declined(DeclineReason.INSUFFICIENT_FUNDS, "insufficient funds");
                case EXPIRED_CARD -> new GatewayResult.Declined(DeclineReason.EXPIRED_CARD, "expired card");
                case FAIL -> throw new PaymentGatewayException(request.idempotencyKey(),
                        "simulated gateway failure for " + FAIL, null);
                default -> new GatewayResult.Declined(DeclineReason.INVALID_PAYMENT_METHOD, "no such token");
            };
            return record(request.idempotencyKey(), request, result, token);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws CommerceException {@code NOT_FOUND} for an unknown gateway payment id,
     *     {@code CURRENCY_MISMATCH}, {@code INVALID_TRANSITION} if voided or more than the
     *     capturable amount, {@code CONFLICT} for a key reused with another request
     */
    @Override
    public GatewayResult capture(CaptureRequest request) {
        Validate.notNull(request, "request");
        synchronized (lock) {
            Optional<GatewayResult> repeat = repeat(request.idempotencyKey(), request);
            if (repeat.isPresent()) {
                return repeat.get();
            }
            Charge charge = charge(request.gatewayPaymentId(), request.amount());
            Money capturable = charge.authorized().minus(charge.captured());
            if (charge.voided() || charge.refunded().isPositive() || request.amount().compareTo(capturable) > 0) {
                throw refused("cannot capture " + request.amount() + " of " + describe(charge));
            }
            charges.put(charge.gatewayPaymentId(), new Charge(charge.gatewayPaymentId(), charge.reference(),
                    charge.authorized(), charge.captured().plus(request.amount()), charge.refunded(), false));
            captures++;
            return record(request.idempotencyKey(), request,
                    new GatewayResult.Approved(charge.gatewayPaymentId(), request.amount()),
                    tokens.get(charge.gatewayPaymentId()));
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws CommerceException {@code NOT_FOUND} for an unknown gateway payment id,
     *     {@code INVALID_TRANSITION} if anything was captured or it is voided already,
     *     {@code CONFLICT} for a key reused with another request
     */
    @Override
    public GatewayResult voidAuthorization(VoidRequest request) {
        Validate.notNull(request, "request");
        synchronized (lock) {
            Optional<GatewayResult> repeat = repeat(request.idempotencyKey(), request);
            if (repeat.isPresent()) {
                return repeat.get();
            }
            Charge charge = charge(request.gatewayPaymentId(), null);
            if (charge.voided() || charge.captured().isPositive()) {
                throw refused("cannot void " + describe(charge));
            }
            charges.put(charge.gatewayPaymentId(), new Charge(charge.gatewayPaymentId(), charge.reference(),
                    charge.authorized(), charge.captured(), charge.refunded(), true));
            voids++;
            return record(request.idempotencyKey(), request,
                    new GatewayResult.Approved(charge.gatewayPaymentId(), Money.zero(charge.authorized().currency())),
                    tokens.get(charge.gatewayPaymentId()));
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws CommerceException {@code NOT_FOUND} for an unknown gateway payment id,
     *     {@code CURRENCY_MISMATCH}, {@code INVALID_TRANSITION} for more than the refundable amount,
     *     {@code CONFLICT} for a key reused with another request
     */
    @Override
    public GatewayResult refund(RefundRequest request) {
        Validate.notNull(request, "request");
        synchronized (lock) {
            Optional<GatewayResult> repeat = repeat(request.idempotencyKey(), request);
            if (repeat.isPresent()) {
                return repeat.get();
            }
            Charge charge = charge(request.gatewayPaymentId(), request.amount());
            if (request.amount().compareTo(charge.captured().minus(charge.refunded())) > 0) {
                throw refused("cannot refund " + request.amount() + " of " + describe(charge));
            }
            charges.put(charge.gatewayPaymentId(), new Charge(charge.gatewayPaymentId(), charge.reference(),
                    charge.authorized(), charge.captured(), charge.refunded().plus(request.amount()), false));
            refunds++;
            return record(request.idempotencyKey(), request,
                    new GatewayResult.Approved(charge.gatewayPaymentId(), request.amount()),
                    tokens.get(charge.gatewayPaymentId()));
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws CommerceException {@code VALIDATION} for a blank key
     */
    @Override
    public Optional<GatewayResult> lookup(String idempotencyKey) {
        PaymentChecks.text(idempotencyKey, "idempotencyKey");
        synchronized (lock) {
            return Optional.ofNullable(byKey.get(idempotencyKey)).map(Recorded::result);
        }
    }

    /** @return how many authorizations were approved, each counted once however often retried */
    public long authorizationCount() {
        synchronized (lock) {
            return authorizations;
        }
    }

    /** @return how many captures were performed, including those of authorizations that captured immediately */
    public long captureCount() {
        synchronized (lock) {
            return captures;
        }
    }

    /** @return how many authorizations were voided */
    public long voidCount() {
        synchronized (lock) {
            return voids;
        }
    }

    /** @return how many refunds were performed */
    public long refundCount() {
        synchronized (lock) {
            return refunds;
        }
    }

    /**
     * @param gatewayPaymentId a gateway payment id this simulator returned
     * @return what it holds for that payment, or empty if it never authorized it
     */
    public Optional<Charge> charge(String gatewayPaymentId) {
        Validate.notNull(gatewayPaymentId, "gatewayPaymentId");
        synchronized (lock) {
            return Optional.ofNullable(charges.get(gatewayPaymentId));
        }
    }

    private GatewayResult approveAuthorization(AuthorizationRequest request) {
        String gatewayPaymentId = "sim_pay_" + (charges.size() + 1);
        Money zero = Money.zero(request.amount().currency());
        Money captured = request.captureImmediately() ? request.amount() : zero;
        charges.put(gatewayPaymentId, new Charge(gatewayPaymentId, request.reference(), request.amount(), captured,
                zero, false));
        tokens.put(gatewayPaymentId, request.paymentToken());
        authorizations++;
        if (request.captureImmediately()) {
            captures++;
        }
        return new GatewayResult.Approved(gatewayPaymentId, request.amount());
    }

    private Optional<GatewayResult> repeat(String idempotencyKey, Object request) {
        Recorded recorded = byKey.get(idempotencyKey);
        if (recorded == null) {
            return Optional.empty();
        }
        if (!recorded.request().equals(request)) {
            throw CommerceException.conflict("idempotency key " + idempotencyKey + " was used for another request");
        }
        return Optional.of(recorded.result());
    }

    private GatewayResult record(String idempotencyKey, Object request, GatewayResult result, String token) {
        byKey.put(idempotencyKey, new Recorded(request, result));
        if (TIMEOUT_THEN_OK.equals(token)) {
            throw new GatewayTimeoutException(idempotencyKey, "simulated time-out after the operation was performed");
        }
        return result;
    }

    private Charge charge(String gatewayPaymentId, Money amount) {
        Charge charge = charges.get(gatewayPaymentId);
        if (charge == null) {
            throw CommerceException.notFound("gateway payment", gatewayPaymentId);
        }
        if (amount != null) {
            PaymentChecks.sameCurrency(amount, charge.authorized().currency(), "amount");
        }
        return charge;
    }

    private static String describe(Charge charge) {
        return charge.gatewayPaymentId() + " (authorized " + charge.authorized() + ", captured " + charge.captured()
                + ", refunded " + charge.refunded() + (charge.voided() ? ", voided" : "") + ")";
    }

    private static CommerceException refused(String message) {
        return new CommerceException(ErrorCode.INVALID_TRANSITION, message);
    }
}
