package dev.cartwright.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.store.SecretTokens;
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
    void aCartAdmitsItsCustomerOrTheHolderOfItsGuestSecretAndNobodyElse() {
        CustomerId ada = new CustomerId(UUID.randomUUID());
        String secret = SecretTokens.newToken();
        Cart adas = ownedBy(Optional.of(ada), Optional.empty());
        Cart guests = ownedBy(Optional.empty(), Optional.of(SecretTokens.hash(secret)));
        Cart withoutSecret = ownedBy(Optional.empty(), Optional.empty());

        assertThat(adas.admits(CartAccess.customer(ada))).isTrue();
        assertThat(adas.admits(CartAccess.customer(new CustomerId(UUID.randomUUID())))).isFalse();
        assertThat(adas.admits(CartAccess.guest(secret))).isFalse();
        assertThat(guests.admits(CartAccess.guest(secret))).isTrue();
        assertThat(guests.admits(CartAccess.guest(SecretTokens.newToken()))).isFalse();
        assertThat(guests.admits(CartAccess.guest(SecretTokens.hash(secret)))).isFalse();
        assertThat(guests.admits(CartAccess.customer(ada))).isFalse();
        assertThat(withoutSecret.admits(CartAccess.guest(secret))).as("a guest cart from before secrets").isFalse();
        assertThatThrownBy(() -> guests.requireAdmits(CartAccess.guest(""))).isInstanceOfSatisfying(
                CommerceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.field()).contains("cartId");
                });
        assertThatThrownBy(() -> ownedBy(Optional.of(ada), Optional.of(SecretTokens.hash(secret))))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.field()).contains("guestSecretHash"));
        assertThatThrownBy(() -> ownedBy(Optional.empty(), Optional.of(secret)))
                .as("a secret where its hash belongs").isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.field()).contains("guestSecretHash"));
    }

    @Test
    void aGuestsSecretNeverAppearsInText() {
        String secret = SecretTokens.newToken();
        Cart cart = ownedBy(Optional.empty(), Optional.of(SecretTokens.hash(secret)));
        GuestCart guest = new GuestCart(cart, secret);

        assertThat(guest.access().secret()).isEqualTo(secret);
        assertThat(guest.toString()).contains(cart.id().toString()).doesNotContain(secret);
        assertThat(guest.access().toString()).doesNotContain(secret);
        assertThat(SecretTokens.isWellFormed(secret)).isTrue();
        assertThat(secret).hasSize(43);
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
        return new Cart(new CartId(UUID.randomUUID()), Optional.empty(), Optional.empty(), EUR, lines, List.of(),
                CartStatus.ACTIVE, 0, NOW, NOW);
    }

    private static Cart ownedBy(Optional<CustomerId> customer, Optional<String> secretHash) {
        return new Cart(new CartId(UUID.randomUUID()), customer, secretHash, EUR, List.of(), List.of(),
                CartStatus.ACTIVE, 0, NOW, NOW);
    }

    private static CartLine line(String sku, Money price, long quantity) {
        return new CartLine(Sku.of(sku), new ProductId(UUID.randomUUID()), sku, price, "standard", quantity);
    }
}
