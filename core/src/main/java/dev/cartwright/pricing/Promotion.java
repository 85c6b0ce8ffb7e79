package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A discount that applies automatically or when its code is entered, within a validity window, above
 * an optional minimum subtotal and up to optional usage limits. Immutable and thread-safe.
 *
 * @param id the identity
 * @param name the display name, stored exactly as given
 * @param code the code a shopper enters, unique ignoring case; absent for an automatic promotion
 * @param discount what it takes off
 * @param validFrom when it starts to apply (inclusive)
 * @param validUntil when it stops applying (exclusive); absent for no end
 * @param minimumSubtotal the least order subtotal, before discounts, that it applies to
 * @param usageLimit how often it may be redeemed in total
 * @param perCustomerLimit how often one customer may redeem it
 * @param timesUsed how often it has been redeemed
 */
public record Promotion(
        PromotionId id,
        String name,
        Optional<String> code,
        Discount discount,
        Instant validFrom,
        Optional<Instant> validUntil,
        Optional<Money> minimumSubtotal,
        OptionalLong usageLimit,
        OptionalLong perCustomerLimit,
        long timesUsed) {

    /** Validates every field. */
    public Promotion {
        Validate.notNull(id, "id");
        PromotionRules.validate(name, code, discount, validFrom, validUntil, minimumSubtotal, usageLimit,
                perCustomerLimit);
        Validate.notNegative(timesUsed, "timesUsed");
    }

    /** @return whether it applies without a code */
    public boolean isAutomatic() {
        return code.isEmpty();
    }

    /**
     * @param at an instant
     * @return whether {@code at} lies in the validity window
     */
    public boolean isValidAt(Instant at) {
        Validate.notNull(at, "at");
        return !at.isBefore(validFrom) && validUntil.map(at::isBefore).orElse(true);
    }

    /** @return whether the global usage limit has been reached */
    public boolean isUsedUp() {
        return usageLimit.isPresent() && timesUsed >= usageLimit.getAsLong();
    }

    /** @return the currency it is bound to, if its discount or minimum names an amount */
    public Optional<Currency> currency() {
        if (discount instanceof Discount.AmountOff amountOff) {
            return Optional.of(amountOff.amount().currency());
        }
        return minimumSubtotal.map(Money::currency);
    }

    /**
     * @param subtotal an order's subtotal before discounts
     * @param at when the order is priced
     * @return whether it applies to that order: in its window, not used up, in the order's currency and at
     *     or above its minimum subtotal
     */
    public boolean appliesTo(Money subtotal, Instant at) {
        return whyNotApplicable(subtotal, at).isEmpty();
    }

    /**
     * @param subtotal an order's subtotal before discounts
     * @param at when the order is priced
     * @throws CommerceException {@code PROMOTION_NOT_APPLICABLE} (field {@code code}) saying why, if it does not
     *     {@linkplain #appliesTo(Money, Instant) apply}
     */
    public void requireApplicable(Money subtotal, Instant at) {
        requireApplicable(subtotal, at, "code");
    }

    /**
     * @param subtotal an order's subtotal before discounts
     * @param at when the order is priced
     * @param field the field the code was given in, to name in the failure, such as {@code promotionCodes[1]}
     * @throws CommerceException {@code PROMOTION_NOT_APPLICABLE} naming {@code field} and saying why, if it does
     *     not {@linkplain #appliesTo(Money, Instant) apply}
     */
    public void requireApplicable(Money subtotal, Instant at, String field) {
        whyNotApplicable(subtotal, at).ifPresent(reason -> {
            throw new CommerceException(ErrorCode.PROMOTION_NOT_APPLICABLE, field,
                    "promotion " + code.orElse(name) + " " + reason, null);
        });
    }

    private Optional<String> whyNotApplicable(Money subtotal, Instant at) {
        Validate.notNull(subtotal, "subtotal");
        if (at.isBefore(validFrom)) {
            return Optional.of("has not started yet");
        }
        if (!isValidAt(at)) {
            return Optional.of("has ended");
        }
        if (isUsedUp()) {
            return Optional.of("has been used up");
        }
        if (currency().isPresent() && !currency().get().equals(subtotal.currency())) {
            return Optional.of("applies only to orders in " + currency().get().getCurrencyCode());
        }
        if (minimumSubtotal.isPresent() && subtotal.compareTo(minimumSubtotal.get()) < 0) {
            return Optional.of("needs a subtotal of at least " + minimumSubtotal.get());
        }
        return Optional.empty();
    }
}
