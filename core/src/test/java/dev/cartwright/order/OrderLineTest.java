package dev.cartwright.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.money.Money;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** An order line's snapshot amounts and how many of its units went back to stock. */
class OrderLineTest {

    private static final Sku A = Sku.of("A");
    private static final ProductId PRODUCT = new ProductId(UUID.randomUUID());
    private static final ReservationId HOLD = new ReservationId(UUID.randomUUID());

    /** @return a line of two units of 10.00 EUR, 2.00 off, 3.42 tax, with {@code returned} units returned */
    static OrderLine line(long returned) {
        return new OrderLine(A, PRODUCT, "A", eur("10.00"), 2, eur("20.00"), eur("2.00"), eur("3.42"), eur("21.42"),
                HOLD, returned);
    }

    /** @return the tax-exclusive totals of that one line, shipped for free */
    static OrderTotals totalsOf(OrderLine line) {
        Money zero = Money.zero(line.total().currency());
        return new OrderTotals(line.subtotal(), line.discount(), line.tax(), zero, zero, line.total(), false);
    }

    @Test
    void noMoreUnitsThanOrderedAreReturned() {
        assertThat(line(2).returnable()).isZero();
        assertInvalid(() -> line(3), "returned");
        assertInvalid(() -> line(-1), "returned");
    }

    @Test
    void noAmountIsNegative() {
        assertInvalid(() -> new OrderLine(A, PRODUCT, "A", eur("10.00"), 2, eur("20.00"), eur("-0.01"), eur("3.42"),
                eur("21.42"), HOLD), "lines");
        assertInvalid(() -> new OrderLine(A, PRODUCT, "A", eur("10.00"), 2, eur("20.00"), eur("2.00"), eur("-3.42"),
                eur("21.42"), HOLD), "lines");
    }

    @Test
    void theSubtotalIsUnitPriceTimesQuantityAndTheDiscountAtMostThat() {
        assertInvalid(() -> new OrderLine(A, PRODUCT, "A", eur("10.00"), 2, eur("20.01"), eur("2.00"), eur("3.42"),
                eur("21.43"), HOLD), "subtotal");
        assertThat(new OrderLine(A, PRODUCT, "A", eur("10.00"), 2, eur("20.00"), eur("20.00"), eur("0.00"),
                eur("0.00"), HOLD).discount()).isEqualTo(eur("20.00"));
        assertInvalid(() -> new OrderLine(A, PRODUCT, "A", eur("10.00"), 2, eur("20.00"), eur("20.01"), eur("0.00"),
                eur("0.00"), HOLD), "discount");
    }

    @Test
    void returningCountsUpToWhatIsLeftAndNeverDown() {
        OrderLine one = line(0).withReturned(1);

        assertThat(one.returned()).isEqualTo(1);
        assertThat(one.returnable()).isEqualTo(1);
        assertThat(one.withReturned(1).returnable()).isZero();
        assertThat(one.withReturned(0)).isEqualTo(one);
        assertInvalid(() -> one.withReturned(2), "restock");
        assertInvalid(() -> one.withReturned(-1), "restock");
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static void assertInvalid(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CommerceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.field()).contains(field);
        });
    }
}
