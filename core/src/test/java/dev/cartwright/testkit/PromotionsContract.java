package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.cartwright.testkit.Contracts.assertFails;
import static dev.cartwright.testkit.Contracts.race;

import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.NewPromotion;
import dev.cartwright.pricing.Promotion;
import dev.cartwright.pricing.PromotionId;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The behaviour of {@link dev.cartwright.pricing.Promotions} over any store. */
public abstract class PromotionsContract extends StoreContract {

    private static final Discount TEN_PERCENT = new Discount.PercentageOff(BigDecimal.TEN);

    @Test
    void createStoresEveryFieldAndStartsUnused() {
        NewPromotion request = NewPromotion.withCode("Spring-10", "Spring sale ", TEN_PERCENT, START)
                .withValidUntil(START.plus(Duration.ofDays(30)))
                .withMinimumSubtotal(Money.of("20.00", "EUR"))
                .withUsageLimit(100)
                .withPerCustomerLimit(1);

        Promotion created = commerce.promotions().create(request);

        assertThat(created.name()).isEqualTo("Spring sale ");
        assertThat(created.code()).contains("Spring-10");
        assertThat(created.discount()).isEqualTo(TEN_PERCENT);
        assertThat(created.validFrom()).isEqualTo(START);
        assertThat(created.validUntil()).contains(START.plus(Duration.ofDays(30)));
        assertThat(created.minimumSubtotal()).contains(Money.of("20.00", "EUR"));
        assertThat(created.usageLimit()).isEqualTo(OptionalLong.of(100));
        assertThat(created.perCustomerLimit()).isEqualTo(OptionalLong.of(1));
        assertThat(created.timesUsed()).isZero();
        assertThat(commerce.promotions().get(created.id())).isEqualTo(created);
    }

    @Test
    void codesAreFoundIgnoringCaseAndReturnedAsEntered() {
        Promotion created = commerce.promotions().create(NewPromotion.withCode("Welcome", "Welcome", TEN_PERCENT, START));

        assertThat(commerce.promotions().findByCode("WELCOME")).contains(created);
        assertThat(commerce.promotions().findByCode("welcome")).map(Promotion::code).contains(Optional.of("Welcome"));
        assertThat(commerce.promotions().findByCode("OTHER")).isEmpty();
    }

    @Test
    void aDuplicateCodeIgnoringCaseIsAConflictAndChangesNothing() {
        Promotion first = commerce.promotions().create(NewPromotion.withCode("SAVE", "first", TEN_PERCENT, START));

        assertFails(() -> commerce.promotions().create(NewPromotion.withCode("save", "second", TEN_PERCENT, START)),
                ErrorCode.CONFLICT, "code");

        assertThat(commerce.promotions().findByCode("SAVE")).contains(first);
    }

    @Test
    void automaticPromotionsNeedNoCode() {
        Promotion automatic = commerce.promotions().create(
                NewPromotion.automatic("Free sock", new Discount.BuyXGetY(Sku.of("SOCK"), 2, 1), START));
        Promotion another = commerce.promotions().create(NewPromotion.automatic("Ten off", TEN_PERCENT, START));

        assertThat(automatic.isAutomatic()).isTrue();
        assertThat(automatic.id()).isNotEqualTo(another.id());
    }

    @Test
    void invalidPromotionsAreRejectedNamingTheField() {
        assertFails(() -> commerce.promotions().create(null), ErrorCode.VALIDATION, "promotion");
        assertFails(() -> NewPromotion.automatic(" ", TEN_PERCENT, START), ErrorCode.VALIDATION, "name");
        assertFails(() -> NewPromotion.automatic("x".repeat(201), TEN_PERCENT, START), ErrorCode.VALIDATION, "name");
        assertFails(() -> NewPromotion.withCode("no spaces", "n", TEN_PERCENT, START), ErrorCode.VALIDATION, "code");
        assertFails(() -> NewPromotion.withCode("", "n", TEN_PERCENT, START), ErrorCode.VALIDATION, "code");
        assertFails(() -> NewPromotion.automatic("n", null, START), ErrorCode.VALIDATION, "discount");
        assertFails(() -> NewPromotion.automatic("n", TEN_PERCENT, null), ErrorCode.VALIDATION, "validFrom");
        assertFails(() -> new Discount.PercentageOff(BigDecimal.ZERO), ErrorCode.VALIDATION, "percent");
        assertFails(() -> new Discount.PercentageOff(new BigDecimal("100.01")), ErrorCode.VALIDATION, "percent");
        assertFails(() -> new Discount.AmountOff(Money.of("0.00", "EUR")), ErrorCode.VALIDATION, "amount");
        assertFails(() -> new Discount.BuyXGetY(Sku.of("A"), 0, 1), ErrorCode.VALIDATION, "buy");
        assertFails(() -> new Discount.BuyXGetY(Sku.of("A"), 1, 0), ErrorCode.VALIDATION, "get");
        NewPromotion valid = NewPromotion.automatic("n", TEN_PERCENT, START);
        assertFails(() -> valid.withValidUntil(START), ErrorCode.VALIDATION, "validUntil");
        assertFails(() -> valid.withMinimumSubtotal(Money.of("0", "EUR")), ErrorCode.VALIDATION, "minimumSubtotal");
        assertFails(() -> NewPromotion.automatic("n", new Discount.AmountOff(Money.of("5", "EUR")), START)
                .withMinimumSubtotal(Money.of("10", "USD")), ErrorCode.VALIDATION, "minimumSubtotal");
        assertFails(() -> valid.withUsageLimit(0), ErrorCode.VALIDATION, "usageLimit");
        assertFails(() -> valid.withPerCustomerLimit(0), ErrorCode.VALIDATION, "perCustomerLimit");
        assertFails(() -> commerce.promotions().findByCode("bad code"), ErrorCode.VALIDATION, "code");
    }

    @Test
    void redeemCountsOncePerReference() {
        Promotion promotion = commerce.promotions().create(NewPromotion.automatic("Ten off", TEN_PERCENT, START));
        CustomerId customer = newCustomer();

        assertThat(commerce.promotions().redeem(promotion.id(), Optional.of(customer), "order-1").timesUsed()).isEqualTo(1);
        assertThat(commerce.promotions().redeem(promotion.id(), Optional.of(customer), "order-1").timesUsed()).isEqualTo(1);
        assertThat(commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-2").timesUsed()).isEqualTo(2);

        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isEqualTo(2);
        assertThat(commerce.promotions().timesUsedBy(promotion.id(), customer)).isEqualTo(1);
    }

    @Test
    void redeemBeyondTheUsageLimitFailsAndChangesNothing() {
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("ONCE", "Once", TEN_PERCENT, START).withUsageLimit(1));
        commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-1");

        assertFails(() -> commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-2"),
                ErrorCode.LIMIT_EXCEEDED, null);

        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isEqualTo(1);
        assertThat(commerce.promotions().get(promotion.id()).isUsedUp()).isTrue();
        assertThat(commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-1").timesUsed()).isEqualTo(1);
    }

    @Test
    void perCustomerLimitBindsEachCustomerButNotGuests() {
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("FIRST", "First order", TEN_PERCENT, START).withPerCustomerLimit(1));
        CustomerId alice = newCustomer();
        CustomerId bob = newCustomer();
        commerce.promotions().redeem(promotion.id(), Optional.of(alice), "order-1");

        assertFails(() -> commerce.promotions().redeem(promotion.id(), Optional.of(alice), "order-2"),
                ErrorCode.LIMIT_EXCEEDED, null);
        commerce.promotions().redeem(promotion.id(), Optional.of(bob), "order-3");
        commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-4");
        commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-5");

        assertThat(commerce.promotions().timesUsedBy(promotion.id(), alice)).isEqualTo(1);
        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isEqualTo(4);
    }

    @Test
    void redeemOutsideTheWindowIsNotApplicable() {
        Promotion promotion = commerce.promotions().create(NewPromotion.automatic("Week", TEN_PERCENT, START)
                .withValidUntil(START.plus(Duration.ofDays(7))));
        commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-1");
        clock.advance(Duration.ofDays(7));

        assertFails(() -> commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-2"),
                ErrorCode.PROMOTION_NOT_APPLICABLE, null);
        assertThat(commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-1").timesUsed()).isEqualTo(1);
    }

    @Test
    void redeemValidatesItsArguments() {
        Promotion promotion = commerce.promotions().create(NewPromotion.automatic("n", TEN_PERCENT, START));

        assertFails(() -> commerce.promotions().redeem(new PromotionId(UUID.randomUUID()), Optional.empty(), "r"),
                ErrorCode.NOT_FOUND, null);
        assertFails(() -> commerce.promotions().redeem(null, Optional.empty(), "r"), ErrorCode.VALIDATION, "promotionId");
        assertFails(() -> commerce.promotions().redeem(promotion.id(), null, "r"), ErrorCode.VALIDATION, "customer");
        assertFails(() -> commerce.promotions().redeem(promotion.id(), Optional.empty(), " "), ErrorCode.VALIDATION,
                "reference");
        assertFails(() -> commerce.promotions().get(new PromotionId(UUID.randomUUID())), ErrorCode.NOT_FOUND, null);
        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isZero();
    }

    @Test
    void concurrentRedemptionsNeverExceedTheUsageLimit() throws Exception {
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("FIVE", "Five", TEN_PERCENT, START).withUsageLimit(5));

        List<Boolean> outcomes = race(16, index -> () -> tryRedeem(promotion.id(), Optional.of(newCustomer()),
                "order-" + index));

        assertThat(outcomes).filteredOn(succeeded -> succeeded).hasSize(5);
        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isEqualTo(5);
    }

    @Test
    void concurrentRedemptionsByOneCustomerNeverExceedThePerCustomerLimit() throws Exception {
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("TWICE", "Twice each", TEN_PERCENT, START).withPerCustomerLimit(2));
        CustomerId customer = newCustomer();

        List<Boolean> outcomes = race(16, index -> () -> tryRedeem(promotion.id(), Optional.of(customer),
                "order-" + index));

        assertThat(outcomes).filteredOn(succeeded -> succeeded).hasSize(2);
        assertThat(commerce.promotions().timesUsedBy(promotion.id(), customer)).isEqualTo(2);
        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isEqualTo(2);
    }

    // ---- giving redemptions back ----

    @Test
    void releaseLetsTheUsageLimitAdmitANewRedemption() {
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("ONCE", "Once", TEN_PERCENT, START).withUsageLimit(1));
        commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-1");
        assertFails(() -> commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-2"),
                ErrorCode.LIMIT_EXCEEDED, null);

        assertThat(commerce.promotions().release("order-1")).isTrue();

        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isZero();
        assertThat(isRedeemed(promotion.id(), "order-1")).isFalse();
        assertThat(commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-2").timesUsed()).isEqualTo(1);
        assertFails(() -> commerce.promotions().redeem(promotion.id(), Optional.empty(), "order-1"),
                ErrorCode.LIMIT_EXCEEDED, null);
    }

    @Test
    void releaseLowersTheCustomersCount() {
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("FIRST", "First order", TEN_PERCENT, START).withPerCustomerLimit(1));
        CustomerId alice = newCustomer();
        CustomerId bob = newCustomer();
        commerce.promotions().redeem(promotion.id(), Optional.of(alice), "order-1");
        commerce.promotions().redeem(promotion.id(), Optional.of(bob), "order-2");

        assertThat(commerce.promotions().release("order-1")).isTrue();

        assertThat(commerce.promotions().timesUsedBy(promotion.id(), alice)).isZero();
        assertThat(commerce.promotions().timesUsedBy(promotion.id(), bob)).isEqualTo(1);
        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isEqualTo(1);
        commerce.promotions().redeem(promotion.id(), Optional.of(alice), "order-3");
        assertThat(commerce.promotions().timesUsedBy(promotion.id(), alice)).isEqualTo(1);
    }

    @Test
    void releaseGivesBackEveryPromotionOfTheReferenceAndNoOther() {
        Promotion first = commerce.promotions().create(NewPromotion.automatic("Ten off", TEN_PERCENT, START));
        Promotion second = commerce.promotions().create(NewPromotion.withCode("SAVE", "Save", TEN_PERCENT, START));
        CustomerId customer = newCustomer();
        commerce.promotions().redeem(first.id(), Optional.of(customer), "order-1");
        commerce.promotions().redeem(second.id(), Optional.of(customer), "order-1");
        commerce.promotions().redeem(first.id(), Optional.of(customer), "order-2");

        assertThat(releaseThroughThePort("order-1")).isTrue();

        assertThat(commerce.promotions().get(first.id()).timesUsed()).isEqualTo(1);
        assertThat(commerce.promotions().get(second.id()).timesUsed()).isZero();
        assertThat(commerce.promotions().timesUsedBy(first.id(), customer)).isEqualTo(1);
        assertThat(commerce.promotions().timesUsedBy(second.id(), customer)).isZero();
        assertThat(isRedeemed(first.id(), "order-2")).isTrue();
    }

    @Test
    void releasingTwiceOrAnUnknownReferenceIsHarmless() {
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("TWICE", "Twice each", TEN_PERCENT, START).withUsageLimit(3).withPerCustomerLimit(2));
        CustomerId customer = newCustomer();
        commerce.promotions().redeem(promotion.id(), Optional.of(customer), "order-1");
        commerce.promotions().redeem(promotion.id(), Optional.of(customer), "order-2");

        assertThat(commerce.promotions().release("order-1")).isTrue();
        assertThat(commerce.promotions().release("order-1")).isFalse();
        assertThat(commerce.promotions().release("never-redeemed")).isFalse();

        assertThat(commerce.promotions().get(promotion.id()).timesUsed()).isEqualTo(1);
        assertThat(commerce.promotions().timesUsedBy(promotion.id(), customer)).isEqualTo(1);
        assertThat(commerce.promotions().redeem(promotion.id(), Optional.of(customer), "order-1").timesUsed())
                .isEqualTo(2);
    }

    @Test
    void releaseValidatesItsReference() {
        assertFails(() -> commerce.promotions().release(null), ErrorCode.VALIDATION, "reference");
        assertFails(() -> commerce.promotions().release(" "), ErrorCode.VALIDATION, "reference");
        assertFails(() -> commerce.promotions().release("r".repeat(201)), ErrorCode.VALIDATION, "reference");
    }

    @Test
    void concurrentReleasesOfOneReferenceGiveItBackOnce() throws Exception {
        Promotion first = commerce.promotions().create(
                NewPromotion.withCode("FIVE", "Five", TEN_PERCENT, START).withUsageLimit(5));
        Promotion second = commerce.promotions().create(NewPromotion.automatic("Ten off", TEN_PERCENT, START));
        CustomerId customer = newCustomer();
        commerce.promotions().redeem(first.id(), Optional.of(customer), "order-1");
        commerce.promotions().redeem(second.id(), Optional.of(customer), "order-1");
        commerce.promotions().redeem(first.id(), Optional.empty(), "order-2");

        List<Boolean> released = race(8, index -> () -> commerce.promotions().release("order-1"));

        assertThat(released).filteredOn(done -> done).hasSize(1);
        assertThat(commerce.promotions().get(first.id()).timesUsed()).isEqualTo(1);
        assertThat(commerce.promotions().get(second.id()).timesUsed()).isZero();
        assertThat(commerce.promotions().timesUsedBy(first.id(), customer)).isZero();
    }

    private boolean isRedeemed(PromotionId id, String reference) {
        return store.inTransaction(tx -> tx.promotions().isRedeemed(id, reference));
    }

    private boolean releaseThroughThePort(String reference) {
        return store.inTransaction(tx -> tx.promotions().releaseAll(reference));
    }

    private boolean tryRedeem(PromotionId id, Optional<CustomerId> customer, String reference) {
        try {
            commerce.promotions().redeem(id, customer, reference);
            return true;
        } catch (CommerceException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
            return false;
        }
    }

    /** @return a customer id; promotions need no stored customer */
    protected CustomerId newCustomer() {
        return new CustomerId(UUID.randomUUID());
    }
}
