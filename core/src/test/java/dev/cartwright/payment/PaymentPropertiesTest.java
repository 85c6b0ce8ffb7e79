package dev.cartwright.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of authorize, capture, refund, void and decline on one payment, checked against a
 * plain model of the rules. QuickTheories prints the seed of a falsified case and shrinks it.
 */
class PaymentPropertiesTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final long DUE = 1_000;
    private static final int OPERATIONS = 5;
    private static final int MAX_AMOUNT = 1_200;
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    /** The model: amounts and the few facts the rules depend on. */
    private static final class Model {
        long authorized;
        long captured;
        long refunded;
        boolean closed;

        boolean pending() {
            return !closed && authorized == 0;
        }
    }

    @Test
    void invariantsHoldAfterEveryStepAndIllegalStepsChangeNothing() {
        qt().forAll(lists().of(integers().between(0, OPERATIONS * MAX_AMOUNT - 1)).ofSizeBetween(1, 40))
                .checkAssert(steps -> {
                    Payment payment = Payment.start(new PaymentId(new UUID(0, 1)), "order-1", Money.ofMinor(DUE, EUR),
                            PaymentMethod.of("tok_visa", "visa", "4242"), "key-1", AT);
                    Model model = new Model();
                    for (int step : steps) {
                        payment = apply(payment, model, step % OPERATIONS, step / OPERATIONS + 1);
                        assertThat(payment.captured().compareTo(payment.authorized())).isLessThanOrEqualTo(0);
                        assertThat(payment.refunded().compareTo(payment.captured())).isLessThanOrEqualTo(0);
                        assertThat(payment.authorized().compareTo(payment.amount())).isLessThanOrEqualTo(0);
                        assertThat(payment.authorized().minorUnits()).isEqualTo(model.authorized);
                        assertThat(payment.captured().minorUnits()).isEqualTo(model.captured);
                        assertThat(payment.refunded().minorUnits()).isEqualTo(model.refunded);
                    }
                });
    }

    private static Payment apply(Payment payment, Model model, int operation, long amount) {
        Money money = Money.ofMinor(amount, EUR);
        switch (operation) {
            case 0 -> {
                boolean legal = model.pending() && amount <= DUE;
                Payment next = attempt(payment, legal, () -> payment.authorize("gw-1", money, null, AT));
                if (legal) {
                    model.authorized = amount;
                }
                return next;
            }
            case 1 -> {
                boolean legal = !model.closed && model.authorized > 0 && model.refunded == 0
                        && model.captured + amount <= model.authorized;
                Payment next = attempt(payment, legal, () -> payment.capture(money, null, AT));
                if (legal) {
                    model.captured += amount;
                }
                return next;
            }
            case 2 -> {
                boolean legal = !model.closed && model.refunded + amount <= model.captured;
                Payment next = attempt(payment, legal, () -> payment.refund(money, null, AT));
                if (legal) {
                    model.refunded += amount;
                }
                return next;
            }
            case 3 -> {
                boolean legal = !model.closed && model.authorized > 0 && model.captured == 0;
                Payment next = attempt(payment, legal, () -> payment.voidAuthorization(null, AT));
                model.closed |= legal;
                return next;
            }
            default -> {
                boolean legal = model.pending();
                Payment next = attempt(payment, legal, () -> payment.decline(DeclineReason.DECLINED, null, AT));
                model.closed |= legal;
                return next;
            }
        }
    }

    private static Payment attempt(Payment before, boolean legal, Supplier<Payment> step) {
        if (legal) {
            Payment after = step.get();
            assertThat(after.version()).isEqualTo(before.version() + 1);
            assertThat(after.log()).hasSize(before.log().size() + 1);
            return after;
        }
        CommerceException refused = catchThrowableOfType(CommerceException.class, step::get);
        assertThat(refused).as("an illegal step is refused").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
        // The caller keeps the payment it had; the loop then checks its amounts still match the model.
        return before;
    }
}
