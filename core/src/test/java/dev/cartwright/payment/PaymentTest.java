package dev.cartwright.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant LATER = AT.plusSeconds(60);
    private static final Money HUNDRED = eur("100.00");
    private static final PaymentMethod VISA = PaymentMethod.of("tok_visa", "visa", "4242");

    private final Payment pending = Payment.start(new PaymentId(UUID.randomUUID()), "order-1", HUNDRED, VISA, "key-1", AT);

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CommerceException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CommerceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.field()).contains(field);
        });
    }

    private Payment authorized() {
        return pending.authorize("gw-1", HUNDRED, null, LATER);
    }

    private GatewayNotification notification(String eventId, GatewayNotification.Type type, Money total) {
        return new GatewayNotification(eventId, "key-1", "gw-1", type, total, null, LATER);
    }

    @Test
    void aStartedPaymentIsPendingWithNothingMoved() {
        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(pending.authorized()).isEqualTo(Money.zero(HUNDRED.currency()));
        assertThat(pending.version()).isEqualTo(1);
        assertThat(pending.gatewayPaymentId()).isNull();
        assertThat(pending.log()).isEmpty();
        assertThat(pending.currency()).isEqualTo(HUNDRED.currency());
    }

    @Test
    void theLifeOfAPaymentIsLoggedAndVersioned() {
        Payment refunded = authorized()
                .capture(eur("60.00"), null, LATER)
                .capture(eur("40.00"), "evt-2", LATER)
                .refund(eur("25.00"), null, LATER)
                .refund(eur("75.00"), null, LATER);

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.captured()).isEqualTo(HUNDRED);
        assertThat(refunded.refunded()).isEqualTo(HUNDRED);
        assertThat(refunded.version()).isEqualTo(6);
        assertThat(refunded.updatedAt()).isEqualTo(LATER);
        assertThat(refunded.log()).extracting(PaymentLogEntry::kind).containsExactly(
                PaymentLogEntry.Kind.AUTHORIZED, PaymentLogEntry.Kind.CAPTURED, PaymentLogEntry.Kind.CAPTURED,
                PaymentLogEntry.Kind.REFUNDED, PaymentLogEntry.Kind.REFUNDED);
        assertThat(refunded.log().get(2).gatewayEventId()).isEqualTo("evt-2");
        assertThat(refunded.status().isTerminal()).isTrue();
    }

    @Test
    void statusFollowsTheAmounts() {
        Payment partlyCaptured = authorized().capture(eur("60.00"), null, LATER);
        assertThat(partlyCaptured.status()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
        assertThat(partlyCaptured.capturable()).isEqualTo(eur("40.00"));
        Payment partlyRefunded = partlyCaptured.refund(eur("10.00"), null, LATER);
        assertThat(partlyRefunded.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(partlyRefunded.netCaptured()).isEqualTo(eur("50.00"));
        assertThat(partlyRefunded.capturable()).isEqualTo(eur("0.00"));
    }

    @Test
    void aCaptureTheGatewayPerformedBeforeARefundIsRecordedAfterItAndLeftRefundable() {
        Payment refunded = authorized().capture(eur("60.00"), null, LATER).refund(eur("60.00"), "cancel", LATER);
        assertTransition(() -> refunded.capture(eur("40.00"), "capture", LATER),
                "cannot capture a payment that is REFUNDED");

        Payment late = refunded.capturePerformedBeforeARefund(eur("40.00"), "capture", LATER);

        assertThat(late.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(late.captured()).isEqualTo(HUNDRED);
        assertThat(late.refundable()).isEqualTo(eur("40.00"));
        assertThat(late.log().get(late.log().size() - 1).gatewayEventId()).isEqualTo("capture");
        assertThat(late.refund(eur("40.00"), "give-back", LATER).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertTransition(() -> refunded.capturePerformedBeforeARefund(eur("40.01"), "capture", LATER),
                "cannot capture EUR 40.01: only EUR 40.00 was authorized and not captured");
        assertThat(authorized().capturePerformedBeforeARefund(eur("40.00"), null, LATER).status())
                .as("without a refund it is a capture").isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
        assertTransition(() -> authorized().voidAuthorization(null, LATER)
                .capturePerformedBeforeARefund(eur("1.00"), null, LATER), "cannot capture a payment that is VOIDED");
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        Payment authorized = authorized();
        assertCode(() -> pending.capture(eur("1.00"), null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> pending.refund(eur("1.00"), null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> pending.voidAuthorization(null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> authorized.authorize("gw-1", HUNDRED, null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> authorized.capture(eur("100.01"), null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> authorized.refund(eur("1.00"), null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> authorized.decline(DeclineReason.DECLINED, null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> pending.authorize("gw-1", eur("100.01"), null, LATER), ErrorCode.INVALID_TRANSITION);

        Payment captured = authorized.capture(HUNDRED, null, LATER);
        assertCode(() -> captured.voidAuthorization(null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> captured.refund(eur("100.01"), null, LATER), ErrorCode.INVALID_TRANSITION);
        Payment refunded = captured.refund(eur("1.00"), null, LATER);
        assertCode(() -> refunded.capture(eur("1.00"), null, LATER), ErrorCode.INVALID_TRANSITION);

        Payment voided = authorized.voidAuthorization(null, LATER);
        assertCode(() -> voided.capture(eur("1.00"), null, LATER), ErrorCode.INVALID_TRANSITION);
        Payment declined = pending.decline(DeclineReason.INSUFFICIENT_FUNDS, null, LATER);
        assertCode(() -> declined.authorize("gw-1", HUNDRED, null, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> declined.fail("gave up", LATER), ErrorCode.INVALID_TRANSITION);
        assertThat(declined.log().get(0).detail()).isEqualTo("INSUFFICIENT_FUNDS");

        assertThat(authorized).isEqualTo(authorized());
        assertThat(pending.status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void badAmountsAreValidationErrors() {
        Payment authorized = authorized();
        assertInvalid(() -> authorized.capture(eur("0.00"), null, LATER), "captureAmount");
        assertInvalid(() -> authorized.capture(eur("-1.00"), null, LATER), "captureAmount");
        assertInvalid(() -> authorized.capture(null, null, LATER), "captureAmount");
        assertCode(() -> authorized.capture(Money.of("1.00", "USD"), null, LATER), ErrorCode.CURRENCY_MISMATCH);
        assertInvalid(() -> pending.authorize(" ", HUNDRED, null, LATER), "gatewayPaymentId");
        assertInvalid(() -> Payment.start(pending.id(), "order-1", eur("0.00"), VISA, "key-1", AT), "amount");
        assertInvalid(() -> Payment.start(pending.id(), "", HUNDRED, VISA, "key-1", AT), "reference");
        assertInvalid(() -> Payment.start(pending.id(), "order-1", HUNDRED, VISA, null, AT), "idempotencyKey");
    }

    @Test
    void theConstructorRefusesBrokenInvariants() {
        Money zero = eur("0.00");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.PARTIALLY_CAPTURED,
                eur("50.00"), eur("60.00"), zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "captured");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.PARTIALLY_REFUNDED,
                eur("50.00"), eur("40.00"), eur("41.00"), VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "refunded");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.AUTHORIZED,
                eur("100.01"), zero, zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "authorized");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.AUTHORIZED,
                eur("-1.00"), zero, zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "authorized");
        assertCode(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.AUTHORIZED,
                Money.of("50.00", "USD"), zero, zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT),
                ErrorCode.CURRENCY_MISMATCH);
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.CAPTURED,
                eur("50.00"), zero, zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "status");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.AUTHORIZED,
                eur("50.00"), zero, zero, VISA, null, "key-1", List.of(), 2, AT, AT), "gatewayPaymentId");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.PENDING,
                zero, zero, zero, VISA, null, "key-1", List.of(), 0, AT, AT), "version");
    }

    @Test
    void paymentMethodsHoldTokensNeverCardNumbers() {
        assertThat(PaymentMethod.of("tok_visa", "visa", "4242").last4()).isEqualTo("4242");
        assertInvalid(() -> PaymentMethod.of("4242424242424242", "visa", "4242"), "paymentToken");
        assertInvalid(() -> PaymentMethod.of("tok_visa", "visa", "424"), "last4");
        assertInvalid(() -> PaymentMethod.of("tok_visa", "visa", "42a2"), "last4");
        assertInvalid(() -> PaymentMethod.of("tok_visa", "visa", "42424"), "last4");
        assertInvalid(() -> PaymentMethod.of("tok_visa", " ", "4242"), "brand");
    }

    @Test
    void notificationsMoveThePaymentOnlyForward() {
        Payment authorized = pending.catchUp(notification("e1", GatewayNotification.Type.AUTHORIZED, HUNDRED), LATER);
        assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(authorized.gatewayPaymentId()).isEqualTo("gw-1");
        assertThat(authorized.log().get(0).gatewayEventId()).isEqualTo("e1");

        assertThat(authorized.catchUp(notification("e2", GatewayNotification.Type.AUTHORIZED, HUNDRED), LATER))
                .isSameAs(authorized);

        Payment captured30 = authorized.catchUp(notification("e3", GatewayNotification.Type.CAPTURED, eur("30.00")), LATER);
        assertThat(captured30.captured()).isEqualTo(eur("30.00"));
        assertThat(captured30.catchUp(notification("e4", GatewayNotification.Type.CAPTURED, eur("30.00")), LATER))
                .isSameAs(captured30);
        Payment captured50 = captured30.catchUp(notification("e5", GatewayNotification.Type.CAPTURED, eur("50.00")), LATER);
        assertThat(captured50.captured()).isEqualTo(eur("50.00"));
        assertThat(captured50.log().get(2).amount()).isEqualTo(eur("20.00"));

        Payment refunded = captured50.catchUp(notification("e6", GatewayNotification.Type.REFUNDED, eur("50.00")), LATER);
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.catchUp(notification("e7", GatewayNotification.Type.CAPTURED, eur("30.00")), LATER))
                .isSameAs(refunded);
        assertThat(refunded.catchUp(new GatewayNotification("e8", "key-1", "gw-1", GatewayNotification.Type.DECLINED,
                eur("0.00"), DeclineReason.DECLINED, LATER), LATER)).isSameAs(refunded);
    }

    @Test
    void aVoidNotificationVoidsOnceAndADeclineOnlyDeclinesAPendingPayment() {
        GatewayNotification voided = notification("e1", GatewayNotification.Type.VOIDED, eur("0.00"));
        Payment voidedPayment = authorized().catchUp(voided, LATER);
        assertThat(voidedPayment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(voidedPayment.log().get(1).gatewayEventId()).isEqualTo("e1");
        assertThat(voidedPayment.catchUp(notification("e2", GatewayNotification.Type.VOIDED, eur("0.00")), LATER))
                .isSameAs(voidedPayment);

        GatewayNotification declined = new GatewayNotification("e3", "key-1", "gw-1", GatewayNotification.Type.DECLINED,
                eur("0.00"), DeclineReason.EXPIRED_CARD, LATER);
        Payment declinedPayment = pending.catchUp(declined, LATER);
        assertThat(declinedPayment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(declinedPayment.log()).singleElement().satisfies(entry -> {
            assertThat(entry.detail()).isEqualTo("EXPIRED_CARD");
            assertThat(entry.gatewayEventId()).isEqualTo("e3");
        });
        assertThat(declinedPayment.catchUp(declined, LATER)).isSameAs(declinedPayment);
        assertThat(authorized().catchUp(declined, LATER).status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }

    @Test
    void aNotificationThatCannotApplyYetIsAnInvalidTransition() {
        assertCode(() -> pending.catchUp(notification("e1", GatewayNotification.Type.CAPTURED, HUNDRED), LATER),
                ErrorCode.INVALID_TRANSITION);
        assertCode(() -> authorized().catchUp(notification("e1", GatewayNotification.Type.CAPTURED, eur("100.01")), LATER),
                ErrorCode.INVALID_TRANSITION);
    }

    @Test
    void aNotificationForAnotherPaymentIsRefused() {
        assertInvalid(() -> pending.catchUp(new GatewayNotification("e1", "key-2", "gw-1",
                GatewayNotification.Type.AUTHORIZED, HUNDRED, null, LATER), LATER), "idempotencyKey");
        assertInvalid(() -> authorized().catchUp(new GatewayNotification("e1", "key-1", "gw-2",
                GatewayNotification.Type.CAPTURED, HUNDRED, null, LATER), LATER), "gatewayPaymentId");
    }

    @Test
    void recordingAnApprovalTwiceOrAfterItsNotificationCountsOnce() {
        GatewayResult.Approved approved = new GatewayResult.Approved("gw-1", HUNDRED);
        Payment captured = pending.recordApproval(approved, true, LATER);
        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured.captured()).isEqualTo(HUNDRED);
        assertThat(captured.recordApproval(approved, true, LATER)).isSameAs(captured);

        Payment notified = pending.catchUp(notification("e1", GatewayNotification.Type.AUTHORIZED, HUNDRED), LATER);
        assertThat(notified.recordApproval(approved, false, LATER)).isSameAs(notified);
        assertCode(() -> notified.recordApproval(new GatewayResult.Approved("gw-2", HUNDRED), false, LATER),
                ErrorCode.INVALID_TRANSITION);

        GatewayResult.Declined declined = new GatewayResult.Declined(DeclineReason.DECLINED, "no");
        Payment declinedPayment = pending.recordDecline(declined, LATER);
        assertThat(declinedPayment.recordDecline(declined, LATER)).isSameAs(declinedPayment);
        assertCode(() -> declinedPayment.recordApproval(approved, false, LATER), ErrorCode.INVALID_TRANSITION);
        assertCode(() -> captured.recordDecline(declined, LATER), ErrorCode.INVALID_TRANSITION);
    }

    @Test
    void eventsSinceDescribeTheNewLogEntries() {
        Payment authorized = authorized();
        Payment later = authorized.capture(eur("60.00"), null, LATER).refund(eur("10.00"), null, LATER);

        assertThat(later.eventsSince(authorized)).containsExactly(
                new PaymentCaptured(pending.id(), "order-1", eur("60.00"), eur("60.00"), LATER),
                new PaymentRefunded(pending.id(), "order-1", eur("10.00"), eur("10.00"), LATER));
        assertThat(authorized.eventsSince(pending)).containsExactly(
                new PaymentAuthorized(pending.id(), "order-1", HUNDRED, LATER));
        assertThat(later.eventsSince(later)).isEmpty();
        assertThat(pending.decline(DeclineReason.DECLINED, null, LATER).eventsSince(pending)).containsExactly(
                new PaymentFailed(pending.id(), "order-1", PaymentStatus.DECLINED, "DECLINED", LATER));
        assertInvalid(() -> pending.eventsSince(later), "earlier");
    }

    @Test
    void theConstructorRefusesAStatusTheAmountsDoNotBear() {
        Money zero = eur("0.00");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.VOIDED,
                zero, zero, zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "status");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.VOIDED,
                eur("50.00"), eur("10.00"), zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "status");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.DECLINED,
                eur("50.00"), zero, zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "status");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.FAILED,
                eur("50.00"), zero, zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT), "status");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.VOIDED,
                zero, zero, zero, VISA, null, "key-1", List.of(), 2, AT, AT), "gatewayPaymentId");
        assertThat(new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.VOIDED,
                eur("50.00"), zero, zero, VISA, "gw-1", "key-1", List.of(), 2, AT, AT).capturable()).isEqualTo(zero);
    }

    @Test
    void operationsNameTheBadAmountAndTheStatusTheyRefuse() {
        assertInvalid(() -> pending.authorize("gw-1", eur("0.00"), null, LATER), "authorizedAmount");
        assertThatThrownBy(() -> pending.authorize("gw-1", Money.of("1.00", "USD"), null, LATER))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
                    assertThat(e.field()).contains("authorizedAmount");
                });
        Payment captured = authorized().capture(HUNDRED, null, LATER);
        assertInvalid(() -> captured.refund(eur("0.00"), null, LATER), "refundAmount");

        assertTransition(() -> pending.capture(eur("1.00"), null, LATER), "cannot capture a payment that is PENDING");
        assertTransition(() -> authorized().voidAuthorization(null, LATER).capture(eur("1.00"), null, LATER),
                "cannot capture a payment that is VOIDED");
        assertTransition(() -> authorized().refund(eur("1.00"), null, LATER), "cannot refund a payment that is AUTHORIZED");
        assertTransition(() -> captured.refund(HUNDRED, null, LATER).refund(eur("1.00"), null, LATER),
                "cannot refund a payment that is REFUNDED");
    }

    @Test
    void anApprovalCannotBeRecordedForAFailedOrVoidedPayment() {
        GatewayResult.Approved approved = new GatewayResult.Approved("gw-1", HUNDRED);
        assertTransition(() -> pending.fail("gateway never saw it", LATER).recordApproval(approved, false, LATER),
                "FAILED");
        assertTransition(() -> authorized().voidAuthorization(null, LATER).recordApproval(approved, true, LATER),
                "VOIDED");
        assertTransition(() -> pending.decline(DeclineReason.DECLINED, null, LATER).recordApproval(approved, false, LATER),
                "DECLINED");
    }

    @Test
    void aLogEntryRefusesABlankGatewayEventId() {
        assertInvalid(() -> new PaymentLogEntry(PaymentLogEntry.Kind.VOIDED, eur("0.00"), " ", "", AT), "gatewayEventId");
        assertThat(new PaymentLogEntry(PaymentLogEntry.Kind.VOIDED, eur("0.00"), null, "", AT).gatewayEventId()).isNull();
    }

    @Test
    void eventsSinceRefusesAnotherPayment() {
        Payment other = Payment.start(new PaymentId(UUID.randomUUID()), "order-1", HUNDRED, VISA, "key-2", AT)
                .authorize("gw-2", HUNDRED, null, LATER);
        assertInvalid(() -> other.eventsSince(pending), "earlier");
    }

    @Test
    void terminalStatusesAreThoseNoOperationLeaves() {
        for (PaymentStatus status : PaymentStatus.values()) {
            boolean terminal = status == PaymentStatus.REFUNDED || status == PaymentStatus.VOIDED
                    || status == PaymentStatus.DECLINED || status == PaymentStatus.FAILED;
            assertThat(status.isTerminal()).as(status.name()).isEqualTo(terminal);
        }
    }

    @Test
    void gatewayResultsAndIdsSayWhatTheyAre() {
        assertThat(new GatewayResult.Approved("gw-1", HUNDRED).isApproved()).isTrue();
        assertThat(new GatewayResult.Declined(DeclineReason.DECLINED, "no").isApproved()).isFalse();
        assertThat(PaymentId.parse(pending.id().toString())).isEqualTo(pending.id());
        assertInvalid(() -> PaymentId.parse("not-a-uuid"), "paymentId");
    }

    @Test
    void notificationsRefuseTotalsAndReasonsThatDoNotFitTheirType() {
        Money zero = eur("0.00");
        for (GatewayNotification.Type type : List.of(GatewayNotification.Type.AUTHORIZED,
                GatewayNotification.Type.CAPTURED, GatewayNotification.Type.REFUNDED)) {
            assertInvalid(() -> notification("e1", type, zero), "total");
        }
        assertInvalid(() -> notification("e1", GatewayNotification.Type.VOIDED, eur("-0.01")), "total");
        assertThat(notification("e1", GatewayNotification.Type.VOIDED, zero).total()).isEqualTo(zero);
        assertInvalid(() -> notification("e1", GatewayNotification.Type.DECLINED, zero), "declineReason");
        assertThat(new GatewayNotification("e1", "key-1", "gw-1", GatewayNotification.Type.DECLINED, zero,
                DeclineReason.DECLINED, LATER).declineReason()).isEqualTo(DeclineReason.DECLINED);
    }

    private static void assertTransition(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CommerceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void gatewayRequestsAndAnswersRefuseBlankIdsAndNonPositiveAmounts() {
        Money zero = eur("0.00");
        assertInvalid(() -> new AuthorizationRequest(zero, "tok_visa", "key-1", "order-1", false), "amount");
        assertInvalid(() -> new AuthorizationRequest(HUNDRED, "tok_visa", " ", "order-1", false), "idempotencyKey");
        assertInvalid(() -> new AuthorizationRequest(HUNDRED, "tok_visa", "key-1", " ", false), "reference");
        assertInvalid(() -> new CaptureRequest(" ", HUNDRED, "key-1"), "gatewayPaymentId");
        assertInvalid(() -> new CaptureRequest("gw-1", zero, "key-1"), "amount");
        assertInvalid(() -> new CaptureRequest("gw-1", HUNDRED, " "), "idempotencyKey");
        assertInvalid(() -> new RefundRequest(" ", HUNDRED, "key-1"), "gatewayPaymentId");
        assertInvalid(() -> new RefundRequest("gw-1", zero, "key-1"), "amount");
        assertInvalid(() -> new RefundRequest("gw-1", HUNDRED, " "), "idempotencyKey");
        assertInvalid(() -> new VoidRequest(" ", "key-1"), "gatewayPaymentId");
        assertInvalid(() -> new VoidRequest("gw-1", " "), "idempotencyKey");
        assertInvalid(() -> new GatewayResult.Approved(" ", HUNDRED), "gatewayPaymentId");
        assertInvalid(() -> new GatewayNotification(" ", "key-1", "gw-1", GatewayNotification.Type.VOIDED, zero, null, LATER),
                "gatewayEventId");
        assertInvalid(() -> new GatewayNotification("e1", " ", "gw-1", GatewayNotification.Type.VOIDED, zero, null, LATER),
                "idempotencyKey");
        assertInvalid(() -> new GatewayNotification("e1", "key-1", " ", GatewayNotification.Type.VOIDED, zero, null, LATER),
                "gatewayPaymentId");
        assertInvalid(() -> new SimulatedPaymentGateway().lookup(" "), "idempotencyKey");
    }

    @Test
    void aPaymentChecksItsOwnArgumentsBeforeItsStatus() {
        Money zero = eur("0.00");
        assertInvalid(() -> new Payment(pending.id(), "order-1", zero, PaymentStatus.PENDING,
                zero, zero, zero, VISA, null, "key-1", List.of(), 1, AT, AT), "amount");
        assertInvalid(() -> new Payment(pending.id(), "order-1", HUNDRED, PaymentStatus.AUTHORIZED,
                HUNDRED, zero, zero, VISA, " ", "key-1", List.of(), 2, AT, AT), "gatewayPaymentId");
        assertInvalid(() -> Payment.start(pending.id(), "order-1", null, VISA, "key-1", AT), "amount");
        assertInvalid(() -> authorized().authorize(" ", HUNDRED, null, LATER), "gatewayPaymentId");
        assertInvalid(() -> pending.fail(" ", LATER), "reason");
    }
}
