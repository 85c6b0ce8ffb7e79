package dev.cartwright.cart;

import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
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

    Cart changed(Optional<CustomerId> newCustomer, List<CartLine> newLines, List<String> newCodes,
            CartStatus newStatus, Instant now) {
        return new Cart(id, newCustomer, currency, newLines, newCodes, newStatus, version + 1, createdAt, now);
    }

    Cart withLines(List<CartLine> newLines, Instant now) {
        return changed(customerId, newLines, promotionCodes, status, now);
    }

    Cart withPromotionCodes(List<String> newCodes, Instant now) {
        return changed(customerId, lines, newCodes, status, now);
    }
}
