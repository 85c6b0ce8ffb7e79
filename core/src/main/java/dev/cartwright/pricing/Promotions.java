package dev.cartwright.pricing;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The promotions' use cases: create them, find them, redeem them within their usage limits and give
 * redemptions back.
 * Thread-safe.
 */
public final class Promotions {

    /** The longest redemption reference accepted. */
    public static final int MAX_REFERENCE_LENGTH = 200;

    private final UnitOfWork<PricingRepositories> transactions;
    private final Clock clock;
    private final IdGenerator ids;

    /**
     * @param transactions the transactions to run in
     * @param clock the time source for validity windows
     * @param ids how new promotions are named
     */
    public Promotions(UnitOfWork<PricingRepositories> transactions, Clock clock, IdGenerator ids) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.clock = Validate.notNull(clock, "clock");
        this.ids = Validate.notNull(ids, "ids");
    }

    /**
     * Creates a promotion, unused.
     *
     * @param promotion what to create (validated when it was built)
     * @return the stored promotion
     * @throws CommerceException {@code VALIDATION} if {@code promotion} is null; {@code CONFLICT} (field
     *     {@code code}) if another promotion has the same code, ignoring case
     */
    public Promotion create(NewPromotion promotion) {
        Validate.notNull(promotion, "promotion");
        Promotion created = new Promotion(new PromotionId(ids.next()), promotion.name(), promotion.code(),
                promotion.discount(), promotion.validFrom(), promotion.validUntil(), promotion.minimumSubtotal(),
                promotion.usageLimit(), promotion.perCustomerLimit(), 0);
        return transactions.inTransaction(tx -> {
            tx.promotions().insert(created);
            return created;
        });
    }

    /**
     * @param id the id
     * @return the promotion with its current usage count
     * @throws CommerceException {@code NOT_FOUND} if there is none
     */
    public Promotion get(PromotionId id) {
        Validate.notNull(id, "promotionId");
        return transactions.read(tx -> tx.promotions().findById(id))
                .orElseThrow(() -> CommerceException.notFound("promotion", id));
    }

    /**
     * @param code a code, matched ignoring case
     * @return the promotion with that code, whether or not it applies now
     * @throws CommerceException {@code VALIDATION} if the code is malformed
     */
    public Optional<Promotion> findByCode(String code) {
        PromotionRules.validateCode(code);
        return transactions.read(tx -> tx.promotions().findByCode(code));
    }

    /**
     * Records that a promotion was used, such as by a placed order, enforcing its usage limit and its
     * per-customer limit atomically. Redeeming again with the same reference changes nothing and succeeds,
     * so a retried checkout counts once.
     *
     * @param id the promotion
     * @param customer who uses it; empty for a guest
     * @param reference what it is used for, such as an order number (1 to 200 characters)
     * @return the promotion with its usage count after the redemption
     * @throws CommerceException {@code VALIDATION} for a bad argument; {@code NOT_FOUND} if there is no such
     *     promotion; {@code PROMOTION_NOT_APPLICABLE} if it is outside its validity window;
     *     {@code LIMIT_EXCEEDED} if its usage limit or the customer's limit is reached
     */
    public Promotion redeem(PromotionId id, Optional<CustomerId> customer, String reference) {
        Validate.notNull(id, "promotionId");
        Validate.notNull(customer, "customer");
        Validate.notBlank(reference, "reference", MAX_REFERENCE_LENGTH);
        return transactions.inTransaction(tx -> {
            PromotionRepository promotions = tx.promotions();
            Promotion promotion = promotions.findById(id)
                    .orElseThrow(() -> CommerceException.notFound("promotion", id));
            if (promotions.isRedeemed(id, reference)) {
                return promotion;
            }
            Instant now = clock.instant();
            if (!promotion.isValidAt(now)) {
                throw new CommerceException(ErrorCode.PROMOTION_NOT_APPLICABLE,
                        "promotion " + id + " is not valid at " + now);
            }
            if (!promotions.tryRedeem(id, customer, reference, now)) {
                throw new CommerceException(ErrorCode.LIMIT_EXCEEDED,
                        "promotion " + id + " has reached its usage limit");
            }
            return promotions.findById(id).orElseThrow();
        });
    }

    /**
     * Gives back the redemptions made for {@code reference}, of every promotion, such as when the order they
     * were for will not be paid: each promotion's usage count and its customer's count drop by one, so the
     * limits admit another redemption. Releasing again, or a reference never redeemed, changes nothing.
     *
     * @param reference what the redemptions were for, such as an order number (1 to 200 characters)
     * @return whether anything was released by this call
     * @throws CommerceException {@code VALIDATION} (field {@code reference}) if it is blank or too long
     */
    public boolean release(String reference) {
        Validate.notBlank(reference, "reference", MAX_REFERENCE_LENGTH);
        return transactions.inTransaction(tx -> tx.promotions().releaseAll(reference));
    }

    /**
     * @param id the promotion
     * @param customer a customer
     * @return how often that customer has redeemed it
     * @throws CommerceException {@code VALIDATION} for a null argument
     */
    public long timesUsedBy(PromotionId id, CustomerId customer) {
        Validate.notNull(id, "promotionId");
        Validate.notNull(customer, "customerId");
        return transactions.read(tx -> tx.promotions().timesUsedBy(id, customer));
    }
}
