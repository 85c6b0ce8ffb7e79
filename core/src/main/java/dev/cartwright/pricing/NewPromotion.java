package dev.cartwright.pricing;

import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link Promotions#create(NewPromotion)} needs to create a promotion. Start with
 * {@link #automatic(String, Discount, Instant)} or {@link #withCode(String, String, Discount, Instant)}
 * and add limits with the {@code with...} methods. Immutable and thread-safe.
 *
 * @param name the display name, stored exactly as given
 * @param code the code a shopper enters (1 to 64 letters, digits, {@code '-'}, {@code '_'}, unique ignoring
 *     case); absent for a promotion that applies automatically
 * @param discount what it takes off
 * @param validFrom when it starts to apply (inclusive)
 * @param validUntil when it stops applying (exclusive); absent for no end
 * @param minimumSubtotal the least order subtotal, before discounts, that it applies to
 * @param usageLimit how often it may be redeemed in total
 * @param perCustomerLimit how often one customer may redeem it
 */
public record NewPromotion(
        String name,
        Optional<String> code,
        Discount discount,
        Instant validFrom,
        Optional<Instant> validUntil,
        Optional<Money> minimumSubtotal,
        OptionalLong usageLimit,
        OptionalLong perCustomerLimit) {

    /**
     * Validates every field.
     *
     * @throws dev.cartwright.error.CommerceException {@code VALIDATION} naming the first invalid field
     */
    public NewPromotion {
        PromotionRules.validate(name, code, discount, validFrom, validUntil, minimumSubtotal, usageLimit,
                perCustomerLimit);
    }

    /**
     * @param name the display name
     * @param discount what it takes off
     * @param validFrom when it starts to apply
     * @return a promotion that applies to every order without a code, with no end and no limits
     */
    public static NewPromotion automatic(String name, Discount discount, Instant validFrom) {
        return new NewPromotion(name, Optional.empty(), discount, validFrom, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * @param code the code a shopper enters
     * @param name the display name
     * @param discount what it takes off
     * @param validFrom when it starts to apply
     * @return a promotion that applies when its code is entered, with no end and no limits
     */
    public static NewPromotion withCode(String code, String name, Discount discount, Instant validFrom) {
        return new NewPromotion(name, Optional.ofNullable(code).map(PromotionRules::validateCode), discount,
                validFrom, Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * @param until when it stops applying (exclusive)
     * @return a copy with that end
     */
    public NewPromotion withValidUntil(Instant until) {
        return new NewPromotion(name, code, discount, validFrom, Optional.ofNullable(until), minimumSubtotal,
                usageLimit, perCustomerLimit);
    }

    /**
     * @param minimum the least subtotal it applies to
     * @return a copy with that minimum
     */
    public NewPromotion withMinimumSubtotal(Money minimum) {
        return new NewPromotion(name, code, discount, validFrom, validUntil, Optional.ofNullable(minimum),
                usageLimit, perCustomerLimit);
    }

    /**
     * @param limit how often it may be redeemed in total, at least 1
     * @return a copy with that limit
     */
    public NewPromotion withUsageLimit(long limit) {
        return new NewPromotion(name, code, discount, validFrom, validUntil, minimumSubtotal,
                OptionalLong.of(limit), perCustomerLimit);
    }

    /**
     * @param limit how often one customer may redeem it, at least 1
     * @return a copy with that limit
     */
    public NewPromotion withPerCustomerLimit(long limit) {
        return new NewPromotion(name, code, discount, validFrom, validUntil, minimumSubtotal, usageLimit,
                OptionalLong.of(limit));
    }
}
