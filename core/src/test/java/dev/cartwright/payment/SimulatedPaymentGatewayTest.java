package dev.cartwright.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatedPaymentGatewayTest {

    private static final Money HUNDRED = Money.of("100.00", "EUR");
    private static final Money THIRTY = Money.of("30.00", "EUR");

    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

    private static AuthorizationRequest authorization(String token, String key) {
        return new AuthorizationRequest(HUNDRED, token, key, "order-1", false);
    }

    private GatewayResult.Approved authorized(String key) {
        return (GatewayResult.Approved) gateway.authorize(authorization(SimulatedPaymentGateway.VISA, key));
    }

    @Test
    void visaIsApprovedForTheWholeAmount() {
        GatewayResult result = gateway.authorize(authorization(SimulatedPaymentGateway.VISA, "k1"));

        assertThat(result).isEqualTo(new GatewayResult.Approved("sim_pay_1", HUNDRED));
        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(gateway.captureCount()).isZero();
        assertThat(gateway.charge("sim_pay_1")).hasValueSatisfying(charge -> {
            assertThat(charge.authorized()).isEqualTo(HUNDRED);
            assertThat(charge.captured()).isEqualTo(Money.zero(HUNDRED.currency()));
            assertThat(charge.reference()).isEqualTo("order-1");
        });
    }

    @Test
    void captureImmediatelyAuthorizesAndCapturesInOneStep() {
        gateway.authorize(new AuthorizationRequest(HUNDRED, SimulatedPaymentGateway.MASTERCARD, "k1", "order-1", true));

        assertThat(gateway.authorizationCount()).isEqualTo(1);
        assertThat(gateway.captureCount()).isEqualTo(1);
        assertThat(gateway.charge("sim_pay_1").orElseThrow().captured()).isEqualTo(HUNDRED);
    }

    @Test
    void declineTokensDeclineWithTheirReasonAndChargeNothing() {
        assertThat(gateway.authorize(authorization(SimulatedPaymentGateway.DECLINE, "k1")))
                .isInstanceOfSatisfying(GatewayResult.Declined.class,
                        declined -> assertThat(declined.reason()).isEqualTo(DeclineReason.DECLINED));
        assertThat(gateway.authorize(authorization(SimulatedPaymentGateway.INSUFFICIENT_FUNDS, "k2")))
                .isInstanceOfSatisfying(GatewayResult.Declined.class,
                        declined -> assertThat(declined.reason()).isEqualTo(DeclineReason.INSUFFICIENT_FUNDS));
        assertThat(gateway.authorize(authorization(SimulatedPaymentGateway.EXPIRED_CARD, "k3")))
                .isInstanceOfSatisfying(GatewayResult.Declined.class,
                        declined -> assertThat(declined.reason()).isEqualTo(DeclineReason.EXPIRED_CARD));
        assertThat(gateway.authorize(authorization("tok_unheard_of", "k4")))
                .isInstanceOfSatisfying(GatewayResult.Declined.class,
                        declined -> assertThat(declined.reason()).isEqualTo(DeclineReason.INVALID_PAYMENT_METHOD));
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void aRepeatedDeclineReturnsTheSameDecline() {
        GatewayResult first = gateway.authorize(authorization(SimulatedPaymentGateway.DECLINE, "k1"));
        GatewayResult second = gateway.authorize(authorization(SimulatedPaymentGateway.DECLINE, "k1"));

        assertThat(second).isEqualTo(first);
        assertThat(gateway.lookup("k1")).contains(first);
    }

    @Test
    void failTokenThrowsEveryTimeWithTheKeyAndRecordsNothing() {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> gateway.authorize(authorization(SimulatedPaymentGateway.FAIL, "k1")))
                    .isExactlyInstanceOf(PaymentGatewayException.class)
                    .satisfies(e -> {
                        PaymentGatewayException failure = (PaymentGatewayException) e;
                        assertThat(failure.code()).isEqualTo(ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE);
                        assertThat(failure.idempotencyKey()).isEqualTo("k1");
                    });
        }
        assertThat(gateway.lookup("k1")).isEmpty();
        assertThat(gateway.authorizationCount()).isZero();
    }

    @Test
    void timeoutThenOkChargesOnceAndTheRetryLearnsTheApproval() {
        AuthorizationRequest request = authorization(SimulatedPaymentGateway.TIMEOUT_THEN_OK, "k1");

        assertThatThrownBy(() -> gateway.authorize(request))
                .isInstanceOfSatisfying(GatewayTimeoutException.class, timeout -> {
                    assertThat(timeout.idempotencyKey()).isEqualTo("k1");
                    assertThat(timeout.code()).isEqualTo(ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE);
                });
        assertThat(gateway.lookup("k1")).contains(new GatewayResult.Approved("sim_pay_1", HUNDRED));

        GatewayResult retry = gateway.authorize(request);
        GatewayResult again = gateway.authorize(request);

        assertThat(retry).isEqualTo(new GatewayResult.Approved("sim_pay_1", HUNDRED));
        assertThat(again).isEqualTo(retry);
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    @Test
    void timeoutThenOkAlsoTimesOutTheFirstCallOfEachLaterOperation() {
        AuthorizationRequest request = authorization(SimulatedPaymentGateway.TIMEOUT_THEN_OK, "k1");
        assertThatThrownBy(() -> gateway.authorize(request)).isInstanceOf(GatewayTimeoutException.class);
        CaptureRequest capture = new CaptureRequest("sim_pay_1", THIRTY, "k1-capture-1");

        assertThatThrownBy(() -> gateway.capture(capture)).isInstanceOf(GatewayTimeoutException.class);
        assertThat(gateway.capture(capture)).isEqualTo(new GatewayResult.Approved("sim_pay_1", THIRTY));

        assertThat(gateway.captureCount()).isEqualTo(1);
        assertThat(gateway.charge("sim_pay_1").orElseThrow().captured()).isEqualTo(THIRTY);
    }

    @Test
    void everyOperationIsIdempotentByKey() {
        String id = authorized("auth").gatewayPaymentId();
        assertThat(authorized("auth").gatewayPaymentId()).isEqualTo(id);

        CaptureRequest capture = new CaptureRequest(id, THIRTY, "capture-1");
        assertThat(gateway.capture(capture)).isEqualTo(gateway.capture(capture));
        RefundRequest refund = new RefundRequest(id, Money.of("10.00", "EUR"), "refund-1");
        assertThat(gateway.refund(refund)).isEqualTo(gateway.refund(refund));

        String other = authorized("auth-2").gatewayPaymentId();
        VoidRequest voiding = new VoidRequest(other, "void-1");
        assertThat(gateway.voidAuthorization(voiding)).isEqualTo(gateway.voidAuthorization(voiding));

        assertThat(gateway.authorizationCount()).isEqualTo(2);
        assertThat(gateway.captureCount()).isEqualTo(1);
        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(gateway.voidCount()).isEqualTo(1);
        assertThat(gateway.charge(id).orElseThrow().captured()).isEqualTo(THIRTY);
        assertThat(gateway.charge(id).orElseThrow().refunded()).isEqualTo(Money.of("10.00", "EUR"));
        assertThat(gateway.lookup("capture-1")).contains(new GatewayResult.Approved(id, THIRTY));
    }

    @Test
    void aKeyReusedForAnotherRequestConflicts() {
        authorized("k1");

        assertThatThrownBy(() -> gateway.authorize(
                        new AuthorizationRequest(THIRTY, SimulatedPaymentGateway.VISA, "k1", "order-1", false)))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }

    @Test
    void capturesNeverExceedTheAuthorizationAndRefundsNeverExceedTheCaptures() {
        String id = authorized("auth").gatewayPaymentId();
        gateway.capture(new CaptureRequest(id, Money.of("80.00", "EUR"), "c1"));

        assertThatThrownBy(() -> gateway.capture(new CaptureRequest(id, Money.of("20.01", "EUR"), "c2")))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        assertThatThrownBy(() -> gateway.refund(new RefundRequest(id, Money.of("80.01", "EUR"), "r1")))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        assertThatThrownBy(() -> gateway.voidAuthorization(new VoidRequest(id, "v1")))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        assertThat(gateway.lookup("c2")).isEmpty();
        assertThat(gateway.lookup("r1")).isEmpty();

        gateway.refund(new RefundRequest(id, Money.of("80.00", "EUR"), "r2"));
        assertThat(gateway.charge(id).orElseThrow().refunded()).isEqualTo(Money.of("80.00", "EUR"));
        assertThat(gateway.captureCount()).isEqualTo(1);
        assertThat(gateway.refundCount()).isEqualTo(1);
    }

    @Test
    void aVoidedAuthorizationCannotBeCaptured() {
        String id = authorized("auth").gatewayPaymentId();
        gateway.voidAuthorization(new VoidRequest(id, "v1"));

        assertThatThrownBy(() -> gateway.capture(new CaptureRequest(id, THIRTY, "c1")))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
        assertThat(gateway.captureCount()).isZero();
    }

    @Test
    void operationsOnAnUnknownPaymentAreNotFound() {
        assertThatThrownBy(() -> gateway.capture(new CaptureRequest("sim_pay_9", THIRTY, "c1")))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void nothingIsCapturedAfterARefundAndNothingIsVoidedTwiceOrAfterACapture() {
        String refundedId = authorized("auth-1").gatewayPaymentId();
        gateway.capture(new CaptureRequest(refundedId, THIRTY, "c1"));
        gateway.refund(new RefundRequest(refundedId, Money.of("10.00", "EUR"), "r1"));
        assertRefused(() -> gateway.capture(new CaptureRequest(refundedId, THIRTY, "c2")),
                refundedId + " (authorized EUR 100.00, captured EUR 30.00, refunded EUR 10.00)");

        String voidedId = authorized("auth-2").gatewayPaymentId();
        gateway.voidAuthorization(new VoidRequest(voidedId, "v1"));
        assertRefused(() -> gateway.voidAuthorization(new VoidRequest(voidedId, "v2")), ", voided)");

        String capturedId = authorized("auth-3").gatewayPaymentId();
        gateway.capture(new CaptureRequest(capturedId, THIRTY, "c3"));
        assertRefused(() -> gateway.voidAuthorization(new VoidRequest(capturedId, "v3")), "captured EUR 30.00");

        assertThat(gateway.captureCount()).isEqualTo(2);
    }

    private static void assertRefused(Runnable operation, String describing) {
        assertThatThrownBy(operation::run).isInstanceOfSatisfying(CommerceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
            assertThat(e.getMessage()).contains(describing);
        });
    }

    @Test
    void aCaptureInAnotherCurrencyIsRefused() {
        String id = authorized("auth").gatewayPaymentId();

        assertThatThrownBy(() -> gateway.capture(new CaptureRequest(id, Money.of("1.00", "USD"), "c1")))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
                    assertThat(e.field()).contains("amount");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "5555555555554",
            "6011000990139424123"})
    void cardNumbersAreRefusedAsTokens(String cardNumber) {
        assertThatThrownBy(() -> gateway.authorize(authorization(cardNumber, "k1")))
                .isInstanceOfSatisfying(CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.field()).contains("paymentToken");
                    assertThat(e.getMessage()).doesNotContain(cardNumber);
                });
        assertThat(gateway.lookup("k1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "12345678901234567890", "tok_4242424242424242"})
    void tokensThatAreNotCardNumbersAreAccepted(String token) {
        assertThat(new AuthorizationRequest(HUNDRED, token, "k1", "order-1", false).paymentToken()).isEqualTo(token);
    }

    @Test
    void concurrentRetriesOfOneKeyChargeOnce() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<GatewayResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return gateway.authorize(authorization(SimulatedPaymentGateway.VISA, "k1"));
                }));
            }
            start.countDown();
            for (Future<GatewayResult> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(new GatewayResult.Approved("sim_pay_1", HUNDRED));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(gateway.authorizationCount()).isEqualTo(1);
    }
}
