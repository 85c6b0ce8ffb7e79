package dev.cartwright.pricing;

/** The repositories that {@link Promotions} works on inside one transaction. */
public interface PricingRepositories {

    /** @return the promotions and their redemptions */
    PromotionRepository promotions();
}
