package dev.cartwright.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CartTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void aCartHoldsOneLinePerSkuInItsOwnCurrency() {
        CartLine mug = line("MUG", Money.of("2.50", "EUR"), 2);

        assertThat(cart(List.of(mug, line("CUP", Money.of("1.00", "EUR"), 1))).subtotal())
                .isEqualTo(Money.of("6.00", "EUR"));
        assertThatThrownBy(() -> cart(List.of(mug, mug))).isInstanceOfSatisfying(CommerceException.class,
                e -> assertThat(e.field()).contains("lines"));
        assertThatThrownBy(() -> cart(List.of(line("USD", Money.of("1.00", "USD"), 1))))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> line("MUG", Money.of("1.00", "EUR"), 0))
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("quantity"));
    }

    @Test
    void checkOutIsAOneWayTransition() {
        Cart cart = cart(List.of());
        Cart checkedOut = cart.checkOut(NOW.plusSeconds(1));

        assertThat(checkedOut.status()).isEqualTo(CartStatus.CHECKED_OUT);
        assertThat(checkedOut.version()).isEqualTo(cart.version() + 1);
        assertThat(checkedOut.updatedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThatThrownBy(() -> checkedOut.checkOut(NOW)).isInstanceOfSatisfying(CommerceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new CartLimits(0, 1)).isInstanceOfSatisfying(CommerceException.class,
                e -> assertThat(e.field()).contains("maxQuantityPerLine"));
        assertThatThrownBy(() -> new CartLimits(1, 0)).isInstanceOfSatisfying(CommerceException.class,
                e -> assertThat(e.field()).contains("maxLines"));
        assertThat(CartLimits.DEFAULT).isEqualTo(new CartLimits(99, 100));
    }

    private static Cart cart(List<CartLine> lines) {
        return new Cart(new CartId(UUID.randomUUID()), Optional.empty(), EUR, lines, List.of(), CartStatus.ACTIVE, 0,
                NOW, NOW);
    }

    private static CartLine line(String sku, Money price, long quantity) {
        return new CartLine(Sku.of(sku), new ProductId(UUID.randomUUID()), sku, price, "standard", quantity);
    }
}
