package dev.cartwright.pricing;

import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.Optional;

/**
 * A promotion that took something off an order. Immutable and thread-safe.
 *
 * @param id the promotion
 * @param name its display name
 * @param code its code; empty if it is automatic
 * @param amount how much it took off, over all lines
 */
public record AppliedPromotion(PromotionId id, String name, Optional<String> code, Money amount) {

    /** Checks that no part is missing. */
    public AppliedPromotion {
        Validate.notNull(id, "id");
        Validate.notNull(name, "name");
        Validate.notNull(code, "code");
        Validate.notNull(amount, "amount");
    }
}
