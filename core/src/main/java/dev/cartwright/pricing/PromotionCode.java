package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.Locale;

/**
 * A promotion code as codes are matched: ignoring case, so {@code welcome10} and {@code WELCOME10} are one code.
 * Its {@link #key()} is the folded form by which every store looks codes up and keeps them unique. A code a shopper
 * types may be any text (one that no promotion has is simply not found); a promotion's own code is checked where
 * the promotion is made ({@link NewPromotion}). Immutable.
 *
 * @param key the code folded to upper case by {@link Locale#ROOT} rules
 */
public record PromotionCode(String key) {

    /** Checks that the key is folded. */
    public PromotionCode {
        Validate.notNull(key, "code");
        if (!key.equals(fold(key))) {
            throw CommerceException.invalid("code", "a key is folded to upper case; use PromotionCode.of");
        }
    }

    /**
     * @param typed a code as written, in any case
     * @return the code it is
     */
    public static PromotionCode of(String typed) {
        return new PromotionCode(fold(Validate.notNull(typed, "code")));
    }

    /**
     * @param typed a code as written, in any case
     * @return whether it is this code
     */
    public boolean matches(String typed) {
        return typed != null && key.equals(fold(typed));
    }

    private static String fold(String code) {
        return code.toUpperCase(Locale.ROOT);
    }
}
