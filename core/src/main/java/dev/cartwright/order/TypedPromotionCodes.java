package dev.cartwright.order;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Promotion;
import dev.cartwright.pricing.PromotionCode;
import dev.cartwright.pricing.PromotionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The promotion codes typed on an order placed without a cart, checked as a cart checks a code entered into it
 * ({@link dev.cartwright.cart.Carts#applyPromotionCode}), so that a code the buyer typed is applied or refused,
 * never dropped unseen. Stateless.
 */
final class TypedPromotionCodes {

    private TypedPromotionCodes() {
    }

    /**
     * Checks each code in the order typed, and fails on the first that is refused.
     *
     * @param promotions where the promotions are read, in the caller's transaction (or read)
     * @param codes the codes as typed, matched ignoring case
     * @param customer who orders; empty for a guest, whom only a promotion's usage limit holds back
     * @param subtotal the order's subtotal before discounts, as the order is priced
     * @param now when the order is priced
     * @return the promotions the codes name, in the order typed
     * @throws CommerceException naming the code's field {@code promotionCodes[i]}: {@code NOT_FOUND} for an
     *     unknown code; {@code PROMOTION_NOT_APPLICABLE} saying why, as {@link Promotion#requireApplicable} does,
     *     for one that does not apply to the order; {@code LIMIT_EXCEEDED} for one the customer has used up
     */
    static List<Promotion> require(PromotionRepository promotions, List<String> codes, Optional<CustomerId> customer,
            Money subtotal, Instant now) {
        Map<PromotionCode, Promotion> byCode = new HashMap<>();
        for (Promotion promotion : promotions.findAllByCode(codes)) {
            byCode.put(PromotionCode.of(promotion.code().orElseThrow()), promotion);
        }
        List<Promotion> typed = new ArrayList<>(codes.size());
        for (int i = 0; i < codes.size(); i++) {
            String field = "promotionCodes[" + i + "]";
            String code = codes.get(i);
            Promotion promotion = byCode.get(PromotionCode.of(code));
            if (promotion == null) {
                throw new CommerceException(ErrorCode.NOT_FOUND, field, "promotion code not found: " + code, null);
            }
            promotion.requireApplicable(subtotal, now, field);
            if (customer.isPresent() && promotions.isUsedUpBy(promotion, customer.get())) {
                throw new CommerceException(ErrorCode.LIMIT_EXCEEDED, field,
                        "promotion " + promotion.code().orElseThrow() + " has been used up by this customer", null);
            }
            typed.add(promotion);
        }
        return typed;
    }
}
