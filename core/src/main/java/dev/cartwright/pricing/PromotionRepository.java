package dev.cartwright.pricing;

import dev.cartwright.customer.CustomerId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The port through which pricing stores promotions and their redemptions. Used only inside a transaction.
 */
public interface PromotionRepository {

    /**
     * Stores a new promotion.
     *
     * @param promotion the promotion
     * @throws dev.cartwright.error.CommerceException {@code CONFLICT} (field {@code code}) if another promotion
     *     has the same code, ignoring case
     */
    void insert(Promotion promotion);

    /**
     * @param id the id
     * @return the promotion with its current usage count
     */
    Optional<Promotion> findById(PromotionId id);

    /**
     * @param code a code, matched ignoring case
     * @return the promotion with that code
     */
    Optional<Promotion> findByCode(String code);

    /**
     * Loads several promotions by code in one round trip.
     *
     * @param codes codes, matched ignoring case
     * @return the promotions found, in no particular order
     */
    List<Promotion> findAllByCode(Collection<String> codes);

    /**
     * @param now the current time
     * @return the automatic (code-less) promotions whose validity window contains {@code now}
     */
    List<Promotion> findAutomatic(Instant now);

    /**
     * Records one redemption, atomically checking both usage limits: it succeeds only if the promotion's
     * {@code timesUsed} is below its usage limit and the customer's redemptions are below the per-customer
     * limit, and then increments {@code timesUsed}. A SQL adapter does this as one guarded
     * {@code UPDATE promotions SET times_used = times_used + 1 WHERE id = ? AND (usage_limit IS NULL OR
     * times_used < usage_limit)}, whose row lock also serializes the per-customer count, plus an insert of
     * the redemption keyed by (promotion, reference).
     *
     * <p>Idempotent: if a redemption with this reference is already recorded for the promotion, nothing
     * changes and it returns {@code true}.
     *
     * @param id the promotion, which must exist
     * @param customer who redeems it; a guest is limited only by the usage limit
     * @param reference what the redemption is for, such as an order number
     * @param now when it is redeemed
     * @return {@code true} if the redemption is recorded (now or before), {@code false} if a limit is reached
     */
    boolean tryRedeem(PromotionId id, Optional<CustomerId> customer, String reference, Instant now);

    /**
     * Gives back every redemption recorded with {@code reference}, whatever the promotion, such as when the
     * order they were for is cancelled or expires unpaid: each is forgotten, its promotion's
     * {@code timesUsed} drops by one and so does its customer's count, so both limits admit another
     * redemption. A SQL adapter locks the promotions' rows, in id order, as {@link #tryRedeem} locks one.
     *
     * <p>Idempotent: a reference with nothing recorded (released before, or never redeemed) changes nothing.
     * The same reference may be redeemed again afterwards.
     *
     * @param reference what the redemptions were for, such as an order number
     * @return whether anything was released by this call
     */
    boolean releaseAll(String reference);

    /**
     * @param id the promotion
     * @param reference what a redemption was for
     * @return whether a redemption with that reference is recorded
     */
    boolean isRedeemed(PromotionId id, String reference);

    /**
     * @param id the promotion
     * @param customer the customer
     * @return how often that customer has redeemed it
     */
    long timesUsedBy(PromotionId id, CustomerId customer);

    /**
     * @param promotion a promotion
     * @param customer a customer
     * @return whether the customer has redeemed it as often as its per-customer limit allows; never for a promotion
     *     without one
     */
    default boolean isUsedUpBy(Promotion promotion, CustomerId customer) {
        return promotion.perCustomerLimit().isPresent()
                && timesUsedBy(promotion.id(), customer) >= promotion.perCustomerLimit().getAsLong();
    }
}
