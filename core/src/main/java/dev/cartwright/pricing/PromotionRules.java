package dev.cartwright.pricing;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The field checks that {@link NewPromotion} and {@link Promotion} share. */
final class PromotionRules {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_CODE_LENGTH = 64;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_CODE_LENGTH + "}");

    private PromotionRules() {
    }

    static void validate(String name, Optional<String> code, Discount discount, Instant validFrom,
            Optional<Instant> validUntil, Optional<Money> minimumSubtotal, OptionalLong usageLimit,
            OptionalLong perCustomerLimit) {
        Validate.notBlank(name, "name", MAX_NAME_LENGTH);
        Validate.notNull(code, "code").ifPresent(PromotionRules::validateCode);
        Validate.notNull(discount, "discount");
        Validate.notNull(validFrom, "validFrom");
        Validate.notNull(validUntil, "validUntil").ifPresent(until -> {
            if (!until.isAfter(validFrom)) {
                throw CommerceException.invalid("validUntil", "must be after validFrom");
            }
        });
        Validate.notNull(minimumSubtotal, "minimumSubtotal").ifPresent(minimum -> {
            if (!minimum.isPositive()) {
                throw CommerceException.invalid("minimumSubtotal", "must be greater than zero");
            }
            if (discount instanceof Discount.AmountOff amountOff
                    && !amountOff.amount().currency().equals(minimum.currency())) {
                throw CommerceException.invalid("minimumSubtotal", "must be in the discount's currency");
            }
        });
        Validate.notNull(usageLimit, "usageLimit").ifPresent(limit -> Validate.positive(limit, "usageLimit"));
        Validate.notNull(perCustomerLimit, "perCustomerLimit")
                .ifPresent(limit -> Validate.positive(limit, "perCustomerLimit"));
    }

    static String validateCode(String code) {
        Validate.notNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw CommerceException.invalid("code", "must be 1 to " + MAX_CODE_LENGTH + " letters, digits, '-' or '_'");
        }
        return code;
    }
}
