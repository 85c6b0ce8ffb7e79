package dev.cartwright.cart;

import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import dev.cartwright.store.SecretTokens;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A shopper's cart: lines in one currency and the promotion codes entered. Immutable; change it through
 * {@link Carts}.
 *
 * @param id the identity
 * @param customerId the owner; empty for a guest's cart
 * @param guestSecretHash for a guest's cart, the lower-case hex SHA-256 of the secret its creator was handed
 *     (never the secret); empty for a customer's cart. A guest cart without one (made before secrets existed)
 *     admits nobody
 * @param currency the currency every line is priced in
 * @param lines the lines, one per SKU, in the order first added
 * @param promotionCodes the promotion codes entered, as the promotions spell them, in the order entered
 * @param status whether it can still change
 * @param version incremented by every change, for optimistic concurrency
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Cart(
        CartId id,
        Optional<CustomerId> customerId,
        Optional<String> guestSecretHash,
        Currency currency,
        List<CartLine> lines,
        List<String> promotionCodes,
        CartStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Validates and defensively copies. */
    public Cart {
        Validate.notNull(id, "id");
        Validate.notNull(customerId, "customerId");
        Validate.notNull(guestSecretHash, "guestSecretHash");
        if (guestSecretHash.isPresent() && (customerId.isPresent() || !SecretTokens.isHash(guestSecretHash.get()))) {
            throw CommerceException.invalid("guestSecretHash", "must be a hex SHA-256, and only on a guest's cart");
        }
        Validate.notNull(currency, "currency");
        lines = List.copyOf(Validate.noNulls(lines, "lines"));
        Set<Sku> skus = new HashSet<>();
        for (CartLine line : lines) {
            if (!skus.add(line.sku())) {
                throw CommerceException.invalid("lines", "hold SKU " + line.sku() + " twice");
            }
            if (!line.unitPrice().currency().equals(currency)) {
                throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "line " + line.sku() + " is priced in "
                        + line.unitPrice().currency() + ", the cart in " + currency);
            }
        }
        promotionCodes = List.copyOf(Validate.noNulls(promotionCodes, "promotionCodes"));
        Validate.notNull(status, "status");
        Validate.notNegative(version, "version");
        Validate.notNull(createdAt, "createdAt");
        Validate.notNull(updatedAt, "updatedAt");
    }

    /**
     * Whether someone may act on this cart: a customer on their own cart, a guest on a guest cart whose
     * secret they hold (its hash compared in constant time). A customer's access never reaches a guest cart,
     * nor a guest's access a customer's.
     *
     * @param access who acts
     * @return whether they may read and change it
     * @throws CommerceException {@code VALIDATION} on {@code access} if it is null
     */
    public boolean admits(CartAccess access) {
        Validate.notNull(access, "access");
        if (access instanceof CartAccess.Customer customer) {
            return customerId.equals(Optional.of(customer.customerId()));
        }
        CartAccess.Guest guest = (CartAccess.Guest) access;
        return customerId.isEmpty() && guestSecretHash.isPresent()
                && SecretTokens.matches(guest.secret(), guestSecretHash.get());
    }

    /**
     * The check that every operation on a cart for a shopper makes first, {@link Carts}' and the checkout's.
     *
     * @param access who acts
     * @return this cart
     * @throws CommerceException {@code FORBIDDEN} (field {@code cartId}) unless it {@link #admits} them;
     *     {@code VALIDATION} if the access is null
     */
    public Cart requireAdmits(CartAccess access) {
        if (!admits(access)) {
            throw new CommerceException(ErrorCode.FORBIDDEN, "cartId", "cart " + id + " is not yours to use", null);
        }
        return this;
    }

    /** @return whether it can still change */
    public boolean isActive() {
        return status == CartStatus.ACTIVE;
    }

    /**
     * @param sku a SKU
     * @return its line, if the cart holds it
     */
    public Optional<CartLine> line(Sku sku) {
        return lines.stream().filter(line -> line.sku().equals(sku)).findFirst();
    }

    /** @return the sum of the lines' subtotals at their snapshot prices, before discounts */
    public Money subtotal() {
        return lines.stream().map(CartLine::subtotal).reduce(Money.zero(currency), Money::plus);
    }

    /** @return the total quantity over all lines */
    public long itemCount() {
        return lines.stream().mapToLong(CartLine::quantity).sum();
    }

    /**
     * The cart after it was turned into an order, for the checkout to store.
     *
     * @param now when it was checked out
     * @return a {@link CartStatus#CHECKED_OUT} copy with the next version
     * @throws CommerceException {@code INVALID_TRANSITION} if it is not active
     */
    public Cart checkOut(Instant now) {
        requireActive();
        return changed(customerId, lines, promotionCodes, CartStatus.CHECKED_OUT, now);
    }

    void requireActive() {
        if (!isActive()) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "cart " + id + " is " + status
                    + " and can no longer change");
        }
    }

    /** A cart handed to a customer forgets its guest secret: from then on only the customer reaches it. */
    Cart changed(Optional<CustomerId> newCustomer, List<CartLine> newLines, List<String> newCodes,
            CartStatus newStatus, Instant now) {
        Optional<String> secretHash = newCustomer.isPresent() ? Optional.empty() : guestSecretHash;
        return new Cart(id, newCustomer, secretHash, currency, newLines, newCodes, newStatus, version + 1, createdAt,
                now);
    }

    Cart withLines(List<CartLine> newLines, Instant now) {
        return changed(customerId, newLines, promotionCodes, status, now);
    }

    Cart withPromotionCodes(List<String> newCodes, Instant now) {
        return changed(customerId, lines, newCodes, status, now);
    }
}
