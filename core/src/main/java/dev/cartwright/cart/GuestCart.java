package dev.cartwright.cart;

import dev.cartwright.error.Validate;

/**
 * A new guest cart and its secret, as {@link Carts#create} returns them: the only time the secret is seen,
 * since the store keeps only its SHA-256. Hand the secret to the guest (a header, a cookie) and act on the cart
 * with {@link #access()}. Immutable and thread-safe; the secret never appears in {@link #toString()}.
 *
 * @param cart the cart
 * @param secret 256 random bits as 43 url-safe characters
 */
public record GuestCart(Cart cart, String secret) {

    /** Validates. */
    public GuestCart {
        Validate.notNull(cart, "cart");
        Validate.notNull(secret, "secret");
    }

    /** @return the guest's access to the cart */
    public CartAccess.Guest access() {
        return CartAccess.guest(secret);
    }

    /** @return the cart's id */
    public CartId id() {
        return cart.id();
    }

    /** @return the cart, without the secret, which must not reach logs */
    @Override
    public String toString() {
        return "GuestCart[cart=" + cart + ", secret=(hidden)]";
    }
}
