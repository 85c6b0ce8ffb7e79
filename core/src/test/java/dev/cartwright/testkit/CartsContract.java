package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static dev.cartwright.testkit.Contracts.race;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.cart.CartLimits;
import dev.cartwright.cart.CartLine;
import dev.cartwright.cart.CartRepositories;
import dev.cartwright.cart.CartStatus;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Destination;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.NewPromotion;
import dev.cartwright.pricing.Promotion;
import dev.cartwright.pricing.ShippingOption;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.pricing.Totals;
import dev.cartwright.store.SecretTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The behaviour of {@link dev.cartwright.cart.Carts} over any store. */
public abstract class CartsContract extends StoreContract {

    /** The per-line limit this contract configures. */
    protected static final int MAX_QUANTITY = 10;
    /** The lines-per-cart limit this contract configures. */
    protected static final int MAX_LINES = 5;

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Destination DE = Destination.country("DE");

    /** The secret of every guest cart made by {@link #guestCart}, as its creator would keep it. */
    private final Map<CartId, CartAccess.Guest> guestAccesses = new HashMap<>();

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return builder
                .cartLimits(new CartLimits(MAX_QUANTITY, MAX_LINES))
                .taxPolicy(TaxPolicy.builder()
                        .rate("DE", null, "standard", new BigDecimal("0.19"))
                        .rate("DE", null, "reduced", new BigDecimal("0.07"))
                        .build())
                .shippingOptions(ShippingOptions.builder()
                        .add(new ShippingOption("standard", "Standard", Map.of("DE", eur("4.90")), "standard"))
                        .add(new ShippingOption("express", "Express", Map.of("FR", eur("12.00")), "standard"))
                        .build());
    }

    /**
     * Puts an active product into the store. The one place that knows how products get there.
     *
     * @param sku its SKU
     * @param price its price, such as {@code "12.50"}
     * @param currency its currency code
     * @return the stored product
     */
    protected Product givenProduct(String sku, String price, String currency) {
        return commerce.catalog().create(NewProduct.of(sku, "Product " + sku, Money.of(price, currency)));
    }

    /**
     * Puts an archived product into the store.
     *
     * @param sku its SKU
     * @return the stored product
     */
    protected Product givenArchivedProduct(String sku) {
        return commerce.catalog().archive(givenProduct(sku, "1.00", "EUR").id());
    }

    @Test
    void aNewGuestCartIsEmptyAndActive() {
        Cart cart = guestCart(EUR);

        assertThat(cart.customerId()).isEmpty();
        assertThat(cart.currency()).isEqualTo(EUR);
        assertThat(cart.lines()).isEmpty();
        assertThat(cart.promotionCodes()).isEmpty();
        assertThat(cart.status()).isEqualTo(CartStatus.ACTIVE);
        assertThat(cart.createdAt()).isEqualTo(START);
        assertThat(commerce.carts().get(owner(cart), cart.id())).isEqualTo(cart);
    }

    @Test
    void aCustomerHasOneActiveCart() {
        CustomerId customer = newCustomer();
        assertThat(commerce.carts().activeCartOf(customer)).isEmpty();

        Cart cart = commerce.carts().createFor(customer, EUR);

        assertThat(cart.customerId()).contains(customer);
        assertThat(commerce.carts().activeCartOf(customer)).contains(cart);
        assertFails(() -> commerce.carts().createFor(customer, EUR), ErrorCode.CONFLICT, "customerId");
        assertThat(commerce.carts().activeCartOf(customer)).contains(cart);
    }

    @Test
    void addSnapshotsTheProductAndSumsRepeatedAdds() {
        Product mug = givenProduct("MUG-1", "12.50", "EUR");
        givenProduct("CUP-1", "3.00", "EUR");
        Cart cart = guestCart(EUR);

        commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 2);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("CUP-1"), 1);
        clock.advance(Duration.ofMinutes(1));
        Cart changed = commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 3);

        assertThat(changed.lines()).containsExactly(
                new CartLine(Sku.of("MUG-1"), mug.id(), "Product MUG-1", eur("12.50"), "standard", 5),
                new CartLine(Sku.of("CUP-1"), changed.lines().get(1).productId(), "Product CUP-1", eur("3.00"),
                        "standard", 1));
        assertThat(changed.version()).isEqualTo(cart.version() + 3);
        assertThat(changed.updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(changed.subtotal()).isEqualTo(eur("65.50"));
        assertThat(commerce.carts().get(owner(cart), cart.id())).isEqualTo(changed);
    }

    @Test
    void addRejectsUnknownArchivedAndForeignCurrencyProducts() {
        givenArchivedProduct("OLD-1");
        givenProduct("USD-1", "5.00", "USD");
        givenProduct("MUG-1", "12.50", "EUR");
        Cart cart = guestCart(EUR);

        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), Sku.of("NOPE"), 1), ErrorCode.NOT_FOUND, "sku");
        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), Sku.of("OLD-1"), 1), ErrorCode.NOT_FOUND, "sku");
        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), Sku.of("USD-1"), 1), ErrorCode.CURRENCY_MISMATCH, null);
        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 0), ErrorCode.VALIDATION, "quantity");
        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), null, 1), ErrorCode.VALIDATION, "sku");
        assertFails(() -> commerce.carts().add(owner(cart), null, Sku.of("MUG-1"), 1), ErrorCode.VALIDATION, "cartId");
        assertFails(() -> commerce.carts().add(null, cart.id(), Sku.of("MUG-1"), 1), ErrorCode.VALIDATION, "access");
        assertFails(() -> commerce.carts().add(owner(cart), new CartId(UUID.randomUUID()), Sku.of("MUG-1"), 1),
                ErrorCode.NOT_FOUND, null);
        assertFails(() -> commerce.carts().create(null), ErrorCode.VALIDATION, "currency");
        assertFails(() -> commerce.carts().get(owner(cart), new CartId(UUID.randomUUID())), ErrorCode.NOT_FOUND, null);

        assertThat(commerce.carts().get(owner(cart), cart.id())).isEqualTo(cart);
    }

    @Test
    void changeQuantitySetsItAndZeroRemovesTheLine() {
        givenProduct("MUG-1", "12.50", "EUR");
        givenProduct("CUP-1", "3.00", "EUR");
        Cart cart = guestCart(EUR);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 2);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("CUP-1"), 2);

        assertThat(commerce.carts().changeQuantity(owner(cart), cart.id(), Sku.of("MUG-1"), 7).line(Sku.of("MUG-1")))
                .map(CartLine::quantity).contains(7L);
        Cart removed = commerce.carts().changeQuantity(owner(cart), cart.id(), Sku.of("MUG-1"), 0);

        assertThat(removed.lines()).extracting(CartLine::sku).containsExactly(Sku.of("CUP-1"));
        assertFails(() -> commerce.carts().changeQuantity(owner(cart), cart.id(), Sku.of("MUG-1"), 1), ErrorCode.NOT_FOUND, "sku");
        assertFails(() -> commerce.carts().changeQuantity(owner(cart), cart.id(), Sku.of("CUP-1"), -1), ErrorCode.VALIDATION,
                "quantity");
        assertThat(commerce.carts().get(owner(cart), cart.id())).isEqualTo(removed);
    }

    @Test
    void removeAndClearDropLinesButKeepCodes() {
        givenProduct("MUG-1", "12.50", "EUR");
        givenProduct("CUP-1", "3.00", "EUR");
        commerce.promotions().create(NewPromotion.withCode("SAVE10", "Save", new Discount.PercentageOff(BigDecimal.TEN), START));
        Cart cart = guestCart(EUR);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 1);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("CUP-1"), 1);
        commerce.carts().applyPromotionCode(owner(cart), cart.id(), "save10");

        assertThat(commerce.carts().remove(owner(cart), cart.id(), Sku.of("MUG-1")).lines()).extracting(CartLine::sku)
                .containsExactly(Sku.of("CUP-1"));
        assertFails(() -> commerce.carts().remove(owner(cart), cart.id(), Sku.of("MUG-1")), ErrorCode.NOT_FOUND, "sku");
        Cart cleared = commerce.carts().clear(owner(cart), cart.id());

        assertThat(cleared.lines()).isEmpty();
        assertThat(cleared.promotionCodes()).containsExactly("SAVE10");
        assertThat(commerce.carts().clear(owner(cart), cart.id()).version()).isEqualTo(cleared.version());
    }

    @Test
    void limitsAreEnforcedAndAFailedChangeChangesNothing() {
        for (int i = 0; i <= MAX_LINES; i++) {
            givenProduct("P-" + i, "1.00", "EUR");
        }
        Cart cart = guestCart(EUR);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("P-0"), MAX_QUANTITY - 1);
        Cart before = commerce.carts().get(owner(cart), cart.id());

        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), Sku.of("P-0"), 2), ErrorCode.LIMIT_EXCEEDED, "quantity");
        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), Sku.of("P-1"), MAX_QUANTITY + 1), ErrorCode.LIMIT_EXCEEDED,
                "quantity");
        assertFails(() -> commerce.carts().changeQuantity(owner(cart), cart.id(), Sku.of("P-0"), MAX_QUANTITY + 1),
                ErrorCode.LIMIT_EXCEEDED, "quantity");
        assertThat(commerce.carts().get(owner(cart), cart.id())).isEqualTo(before);

        for (int i = 1; i < MAX_LINES; i++) {
            commerce.carts().add(owner(cart), cart.id(), Sku.of("P-" + i), 1);
        }
        Cart full = commerce.carts().get(owner(cart), cart.id());
        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), Sku.of("P-" + MAX_LINES), 1), ErrorCode.LIMIT_EXCEEDED, "lines");
        assertThat(commerce.carts().get(owner(cart), cart.id())).isEqualTo(full);
        assertThat(commerce.carts().add(owner(cart), cart.id(), Sku.of("P-0"), 1).line(Sku.of("P-0")))
                .map(CartLine::quantity).contains((long) MAX_QUANTITY);
    }

    @Test
    void priceUsesTaxShippingAutomaticPromotionsAndEnteredCodes() {
        givenProduct("MUG-1", "12.50", "EUR");
        commerce.promotions().create(NewPromotion.withCode("SAVE10", "Save ten", new Discount.PercentageOff(BigDecimal.TEN), START));
        Cart cart = guestCart(EUR);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 2);

        Totals plain = commerce.carts().price(owner(cart), cart.id(), DE);
        assertThat(plain.subtotal()).isEqualTo(eur("25.00"));
        assertThat(plain.taxTotal()).isEqualTo(eur("4.75"));
        assertThat(plain.grandTotal()).isEqualTo(eur("29.75"));

        commerce.carts().applyPromotionCode(owner(cart), cart.id(), "save10");
        Totals totals = commerce.carts().price(owner(cart), cart.id(), DE, "standard");

        assertThat(totals.discountTotal()).isEqualTo(eur("2.50"));
        assertThat(totals.lines().get(0).tax()).isEqualTo(eur("4.28"));
        assertThat(totals.shipping()).isEqualTo(eur("4.90"));
        assertThat(totals.shippingTax()).isEqualTo(eur("0.93"));
        assertThat(totals.taxTotal()).isEqualTo(eur("5.21"));
        assertThat(totals.grandTotal()).isEqualTo(eur("32.61"));
        assertThat(totals.appliedPromotions()).singleElement()
                .satisfies(applied -> assertThat(applied.code()).contains("SAVE10"));

        commerce.promotions().create(NewPromotion.automatic("Five off", new Discount.AmountOff(eur("5.00")), START));
        assertThat(commerce.carts().price(owner(cart), cart.id(), DE).discountTotal()).isEqualTo(eur("7.50"));
    }

    @Test
    void priceRejectsUnknownShippingOptionsAndUnservedDestinations() {
        Cart cart = guestCart(EUR);

        assertFails(() -> commerce.carts().price(owner(cart), cart.id(), DE, "teleport"), ErrorCode.VALIDATION, "shippingOption");
        assertFails(() -> commerce.carts().price(owner(cart), cart.id(), DE, "express"), ErrorCode.VALIDATION, "destination");
        assertFails(() -> commerce.carts().price(owner(cart), cart.id(), null), ErrorCode.VALIDATION, "destination");
        assertThat(commerce.carts().price(owner(cart), cart.id(), Destination.country("FR"), "express").grandTotal())
                .isEqualTo(eur("12.00"));
    }

    @Test
    void applyPromotionCodeChecksExistenceWindowAndMinimum() {
        givenProduct("MUG-1", "12.50", "EUR");
        commerce.promotions().create(NewPromotion.withCode("LATER", "Later", new Discount.PercentageOff(BigDecimal.TEN),
                START.plus(Duration.ofDays(1))));
        commerce.promotions().create(NewPromotion.withCode("BIG", "Big spender", new Discount.AmountOff(eur("10.00")), START)
                .withMinimumSubtotal(eur("50.00")));
        Cart cart = guestCart(EUR);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 2);
        Cart before = commerce.carts().get(owner(cart), cart.id());

        assertFails(() -> commerce.carts().applyPromotionCode(owner(cart), cart.id(), "NOPE"), ErrorCode.NOT_FOUND, "code");
        assertFails(() -> commerce.carts().applyPromotionCode(owner(cart), cart.id(), "later"), ErrorCode.PROMOTION_NOT_APPLICABLE, "code");
        assertFails(() -> commerce.carts().applyPromotionCode(owner(cart), cart.id(), "BIG"), ErrorCode.PROMOTION_NOT_APPLICABLE, "code");
        assertFails(() -> commerce.carts().applyPromotionCode(owner(cart), cart.id(), " "), ErrorCode.VALIDATION, "code");
        assertThat(commerce.carts().get(owner(cart), cart.id())).isEqualTo(before);

        commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 2);
        assertThat(commerce.carts().applyPromotionCode(owner(cart), cart.id(), "big").promotionCodes()).containsExactly("BIG");
        assertThat(commerce.carts().applyPromotionCode(owner(cart), cart.id(), "BIG").promotionCodes()).containsExactly("BIG");
        assertThat(commerce.carts().price(owner(cart), cart.id(), DE).discountTotal()).isEqualTo(eur("10.00"));

        commerce.carts().changeQuantity(owner(cart), cart.id(), Sku.of("MUG-1"), 1);
        assertThat(commerce.carts().price(owner(cart), cart.id(), DE).discountTotal()).isEqualTo(eur("0.00"));

        assertFails(() -> commerce.carts().removePromotionCode(owner(cart), cart.id(), "LATER"), ErrorCode.NOT_FOUND, "code");
        assertThat(commerce.carts().removePromotionCode(owner(cart), cart.id(), "Big").promotionCodes()).isEmpty();
    }

    @Test
    void anEnteredCodeStopsApplyingWhenItsWindowCloses() {
        givenProduct("MUG-1", "10.00", "EUR");
        commerce.promotions().create(NewPromotion.withCode("DAY", "Day", new Discount.PercentageOff(BigDecimal.TEN), START)
                .withValidUntil(START.plus(Duration.ofDays(1))));
        Cart cart = guestCart(EUR);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 1);
        commerce.carts().applyPromotionCode(owner(cart), cart.id(), "DAY");
        assertThat(commerce.carts().price(owner(cart), cart.id(), DE).discountTotal()).isEqualTo(eur("1.00"));

        clock.advance(Duration.ofDays(1));

        assertThat(commerce.carts().price(owner(cart), cart.id(), DE).discountTotal()).isEqualTo(eur("0.00"));
        assertThat(commerce.carts().price(owner(cart), cart.id(), DE).appliedPromotions()).isEmpty();
    }

    @Test
    void aCustomerWhoUsedUpACodeCannotEnterItAgain() {
        givenProduct("MUG-1", "10.00", "EUR");
        Promotion once = commerce.promotions().create(NewPromotion.withCode("ONCE", "Once",
                new Discount.PercentageOff(BigDecimal.TEN), START).withPerCustomerLimit(1));
        CustomerId customer = newCustomer();
        Cart cart = commerce.carts().createFor(customer, EUR);
        commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 1);
        commerce.carts().applyPromotionCode(owner(cart), cart.id(), "ONCE");

        commerce.promotions().redeem(once.id(), Optional.of(customer), "order-1");

        assertThat(commerce.carts().price(owner(cart), cart.id(), DE).discountTotal()).isEqualTo(eur("0.00"));
        commerce.carts().removePromotionCode(owner(cart), cart.id(), "ONCE");
        assertFails(() -> commerce.carts().applyPromotionCode(owner(cart), cart.id(), "ONCE"), ErrorCode.LIMIT_EXCEEDED, "code");
    }

    @Test
    void mergeAtLoginSumsCappedQuantitiesUnitesCodesAndRetiresTheGuestCart() {
        givenProduct("MUG-1", "12.50", "EUR");
        givenProduct("CUP-1", "3.00", "EUR");
        commerce.promotions().create(NewPromotion.withCode("A", "A", new Discount.PercentageOff(BigDecimal.ONE), START));
        commerce.promotions().create(NewPromotion.withCode("B", "B", new Discount.PercentageOff(BigDecimal.ONE), START));
        CustomerId customer = newCustomer();
        Cart customerCart = commerce.carts().createFor(customer, EUR);
        commerce.carts().add(owner(customerCart), customerCart.id(), Sku.of("MUG-1"), 6);
        commerce.carts().applyPromotionCode(owner(customerCart), customerCart.id(), "A");
        Cart guest = guestCart(EUR);
        commerce.carts().add(owner(guest), guest.id(), Sku.of("MUG-1"), 7);
        commerce.carts().add(owner(guest), guest.id(), Sku.of("CUP-1"), 2);
        commerce.carts().applyPromotionCode(owner(guest), guest.id(), "a");
        commerce.carts().applyPromotionCode(owner(guest), guest.id(), "B");

        Cart merged = commerce.carts().merge(owner(guest), guest.id(), customer);

        assertThat(merged.id()).isEqualTo(customerCart.id());
        assertThat(merged.lines()).extracting(CartLine::sku, CartLine::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Sku.of("MUG-1"), (long) MAX_QUANTITY),
                        org.assertj.core.groups.Tuple.tuple(Sku.of("CUP-1"), 2L));
        assertThat(merged.promotionCodes()).containsExactly("A", "B");
        assertThat(commerce.carts().activeCartOf(customer)).contains(merged);
        assertThat(commerce.carts().get(owner(guest), guest.id()).status()).isEqualTo(CartStatus.MERGED);
        assertFails(() -> commerce.carts().add(owner(guest), guest.id(), Sku.of("CUP-1"), 1), ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.carts().merge(owner(guest), guest.id(), customer), ErrorCode.INVALID_TRANSITION, null);
    }

    @Test
    void mergeWithoutACustomerCartHandsTheGuestCartOver() {
        givenProduct("MUG-1", "12.50", "EUR");
        CustomerId customer = newCustomer();
        Cart guest = guestCart(EUR);
        commerce.carts().add(owner(guest), guest.id(), Sku.of("MUG-1"), 1);

        Cart merged = commerce.carts().merge(owner(guest), guest.id(), customer);

        assertThat(merged.id()).isEqualTo(guest.id());
        assertThat(merged.customerId()).contains(customer);
        assertThat(merged.status()).isEqualTo(CartStatus.ACTIVE);
        assertThat(commerce.carts().activeCartOf(customer)).contains(merged);
        assertThat(commerce.carts().merge(owner(guest), guest.id(), customer)).isEqualTo(merged);
        assertFails(() -> commerce.carts().merge(owner(guest), guest.id(), newCustomer()), ErrorCode.FORBIDDEN, null);
    }

    @Test
    void mergeOfCartsInDifferentCurrenciesFailsAndChangesNothing() {
        CustomerId customer = newCustomer();
        Cart customerCart = commerce.carts().createFor(customer, EUR);
        Cart guest = guestCart(Currency.getInstance("USD"));

        assertFails(() -> commerce.carts().merge(owner(guest), guest.id(), customer), ErrorCode.CURRENCY_MISMATCH, null);

        assertThat(commerce.carts().get(owner(guest), guest.id())).isEqualTo(guest);
        assertThat(commerce.carts().get(owner(customerCart), customerCart.id())).isEqualTo(customerCart);
    }

    @Test
    void ofTwoUpdatesFromTheSameVersionOnlyOneWins() {
        givenProduct("MUG-1", "12.50", "EUR");
        Cart cart = guestCart(EUR);
        Cart read = commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 1);
        Cart first = commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 1);

        Cart stale = new Cart(read.id(), read.customerId(), read.guestSecretHash(), read.currency(), List.of(),
                read.promotionCodes(), read.status(), read.version() + 1, read.createdAt(), clock.instant());
        assertFails(() -> store.inTransaction(tx -> {
            ((CartRepositories) tx).carts().update(stale, read.version());
            return null;
        }), ErrorCode.CONFLICT, null);

        assertThat(commerce.carts().get(owner(cart), cart.id())).isEqualTo(first);
    }

    @Test
    void aCheckedOutCartNoLongerChanges() {
        givenProduct("MUG-1", "12.50", "EUR");
        Cart created = guestCart(EUR);
        Cart cart = commerce.carts().add(owner(created), created.id(), Sku.of("MUG-1"), 1);
        store.inTransaction(tx -> {
            ((CartRepositories) tx).carts().update(cart.checkOut(clock.instant()), cart.version());
            return null;
        });

        assertFails(() -> commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 1), ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.carts().clear(owner(cart), cart.id()), ErrorCode.INVALID_TRANSITION, null);
        assertFails(() -> commerce.carts().get(owner(cart), cart.id()).checkOut(clock.instant()), ErrorCode.INVALID_TRANSITION, null);
        assertThat(commerce.carts().get(owner(cart), cart.id()).status()).isEqualTo(CartStatus.CHECKED_OUT);
    }

    @Test
    void concurrentAddsNeverLoseAnUnit() throws Exception {
        givenProduct("MUG-1", "1.00", "EUR");
        Cart cart = guestCart(EUR);

        List<Boolean> outcomes = race(MAX_QUANTITY, index -> () -> {
            try {
                commerce.carts().add(owner(cart), cart.id(), Sku.of("MUG-1"), 1);
                return true;
            } catch (CommerceException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                return false;
            }
        });

        long succeeded = outcomes.stream().filter(outcome -> outcome).count();
        Cart stored = commerce.carts().get(owner(cart), cart.id());
        assertThat(stored.line(Sku.of("MUG-1")).map(CartLine::quantity)).contains(succeeded);
        assertThat(stored.version()).isEqualTo(succeeded);
    }

    @Test
    void randomOperationsMatchASimpleModel() {
        long seed = new Random().nextLong();
        System.out.println("CartsContract.randomOperationsMatchASimpleModel seed = " + seed);
        Random random = new Random(seed);
        List<Sku> skus = new ArrayList<>();
        for (int i = 0; i < MAX_LINES + 2; i++) {
            skus.add(givenProduct("R-" + i, (i + 1) + ".25", "EUR").sku());
        }
        Cart cart = guestCart(EUR);
        Map<Sku, Long> model = new LinkedHashMap<>();
        for (int step = 0; step < 300; step++) {
            Sku sku = skus.get(random.nextInt(skus.size()));
            long quantity = random.nextInt(MAX_QUANTITY + 3);
            int operation = random.nextInt(10);
            String context = "seed " + seed + " step " + step + " op " + operation + " " + sku + " x" + quantity;
            Cart before = commerce.carts().get(owner(cart), cart.id());
            try {
                if (operation < 5) {
                    commerce.carts().add(owner(cart), cart.id(), sku, quantity);
                    long total = model.getOrDefault(sku, 0L) + quantity;
                    assertThat(quantity > 0 && total <= MAX_QUANTITY
                            && (model.containsKey(sku) || model.size() < MAX_LINES)).as(context).isTrue();
                    model.put(sku, total);
                } else if (operation < 8) {
                    commerce.carts().changeQuantity(owner(cart), cart.id(), sku, quantity);
                    assertThat(model.containsKey(sku) && quantity <= MAX_QUANTITY).as(context).isTrue();
                    if (quantity == 0) {
                        model.remove(sku);
                    } else {
                        model.put(sku, quantity);
                    }
                } else if (operation < 9) {
                    commerce.carts().remove(owner(cart), cart.id(), sku);
                    assertThat(model.remove(sku)).as(context).isNotNull();
                } else {
                    commerce.carts().clear(owner(cart), cart.id());
                    model.clear();
                }
            } catch (CommerceException e) {
                assertThat(e.code()).as(context + " " + e)
                        .isIn(ErrorCode.VALIDATION, ErrorCode.LIMIT_EXCEEDED, ErrorCode.NOT_FOUND);
                assertThat(commerce.carts().get(owner(cart), cart.id())).as(context).isEqualTo(before);
            }
            Cart after = commerce.carts().get(owner(cart), cart.id());
            Map<Sku, Long> actual = new LinkedHashMap<>();
            after.lines().forEach(line -> actual.put(line.sku(), line.quantity()));
            assertThat(actual).as(context).isEqualTo(model);
            assertThat(after.lines().size()).as(context).isLessThanOrEqualTo(MAX_LINES);
            assertThat(commerce.carts().price(owner(cart), cart.id(), DE).subtotal()).as(context).isEqualTo(after.subtotal());
        }
    }

    @Test
    void aGuestCartIsReachedOnlyWithTheSecretHandedOutAtItsCreation() {
        givenProduct("MUG-1", "12.50", "EUR");
        givenCode("SAVE10");
        GuestCart created = newGuestCart(EUR);
        Cart cart = commerce.carts().add(created.access(), created.id(), Sku.of("MUG-1"), 2);
        GuestCart other = newGuestCart(EUR);
        String secret = created.secret();

        assertThat(SecretTokens.isWellFormed(secret)).as(secret).isTrue();
        assertThat(other.secret()).isNotEqualTo(secret);
        assertThat(cart.guestSecretHash()).contains(SecretTokens.hash(secret));
        assertThat(created + " " + created.access() + " " + cart).doesNotContain(secret);
        String oneCharacterOff = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);
        for (CartAccess stranger : List.of(other.access(), CartAccess.guest(""), CartAccess.guest(oneCharacterOff),
                CartAccess.guest(secret + "A"), CartAccess.guest(cart.guestSecretHash().orElseThrow()),
                CartAccess.customer(newCustomer()))) {
            assertNothingReachable(stranger, cart);
        }
        assertThat(commerce.carts().get(CartAccess.guest(secret), cart.id())).isEqualTo(cart);
        assertThat(commerce.carts().price(CartAccess.guest(secret), cart.id(), DE).subtotal()).isEqualTo(eur("25.00"));
        assertThat(commerce.carts().clear(CartAccess.guest(secret), cart.id()).lines()).isEmpty();
    }

    @Test
    void aCustomersCartIsReachedOnlyByThatCustomer() {
        givenProduct("MUG-1", "12.50", "EUR");
        givenCode("SAVE10");
        CustomerId ada = newCustomer();
        Cart created = commerce.carts().createFor(ada, EUR);
        Cart cart = commerce.carts().add(CartAccess.customer(ada), created.id(), Sku.of("MUG-1"), 2);
        GuestCart guest = newGuestCart(EUR);

        assertNothingReachable(CartAccess.customer(newCustomer()), cart);
        assertNothingReachable(guest.access(), cart);
        assertFails(() -> commerce.carts().get(CartAccess.customer(ada), guest.id()), ErrorCode.FORBIDDEN, "cartId");
        assertThat(commerce.carts().get(CartAccess.customer(ada), cart.id())).isEqualTo(cart);
    }

    @Test
    void mergeAtLoginNeedsTheGuestsSecretAndChangesNothingWithout() {
        givenProduct("MUG-1", "12.50", "EUR");
        CustomerId ada = newCustomer();
        Cart adaCart = commerce.carts().createFor(ada, EUR);
        adaCart = commerce.carts().add(owner(adaCart), adaCart.id(), Sku.of("MUG-1"), 1);
        Cart guest = guestCart(EUR);
        guest = commerce.carts().add(owner(guest), guest.id(), Sku.of("MUG-1"), 2);
        CartId guestId = guest.id();
        GuestCart other = newGuestCart(EUR);
        CustomerId eve = newCustomer();

        for (CartAccess stranger : List.of(other.access(), CartAccess.guest(""), CartAccess.customer(ada),
                CartAccess.customer(eve))) {
            assertFails(() -> commerce.carts().merge(stranger, guestId, ada), ErrorCode.FORBIDDEN, "cartId");
        }
        CartId adaCartId = adaCart.id();
        assertFails(() -> commerce.carts().merge(CartAccess.customer(eve), adaCartId, eve), ErrorCode.FORBIDDEN,
                "cartId");
        assertFails(() -> commerce.carts().merge(other.access(), adaCartId, eve), ErrorCode.FORBIDDEN, "cartId");
        assertThat(commerce.carts().get(owner(guest), guestId)).isEqualTo(guest);
        assertThat(commerce.carts().get(owner(adaCart), adaCartId)).isEqualTo(adaCart);

        Cart merged = commerce.carts().merge(owner(guest), guestId, ada);
        assertThat(merged.line(Sku.of("MUG-1")).map(CartLine::quantity)).contains(3L);
    }

    @Test
    void aGuestCartHandedToACustomerAtLoginForgetsItsSecret() {
        GuestCart guest = newGuestCart(EUR);
        CustomerId ada = newCustomer();

        Cart handedOver = commerce.carts().merge(guest.access(), guest.id(), ada);

        assertThat(handedOver.guestSecretHash()).isEmpty();
        assertFails(() -> commerce.carts().get(guest.access(), guest.id()), ErrorCode.FORBIDDEN, "cartId");
        assertThat(commerce.carts().get(CartAccess.customer(ada), guest.id())).isEqualTo(handedOver);
        assertThat(commerce.carts().merge(guest.access(), guest.id(), ada)).as("a repeated login")
                .isEqualTo(handedOver);
    }

    /**
     * Every operation on the cart with a stranger's access fails with {@code FORBIDDEN} and changes nothing. The
     * cart holds MUG-1 and the store has the code SAVE10, so each call would succeed for the owner.
     */
    private void assertNothingReachable(CartAccess stranger, Cart cart) {
        CartId id = cart.id();
        Sku mug = Sku.of("MUG-1");
        List<ThrowingCallable> calls = List.of(
                () -> commerce.carts().get(stranger, id),
                () -> commerce.carts().add(stranger, id, mug, 1),
                () -> commerce.carts().changeQuantity(stranger, id, mug, 1),
                () -> commerce.carts().remove(stranger, id, mug),
                () -> commerce.carts().clear(stranger, id),
                () -> commerce.carts().applyPromotionCode(stranger, id, "SAVE10"),
                () -> commerce.carts().removePromotionCode(stranger, id, "SAVE10"),
                () -> commerce.carts().price(stranger, id, DE),
                () -> commerce.carts().price(stranger, id, DE, "standard"));
        for (ThrowingCallable call : calls) {
            assertFails(call, ErrorCode.FORBIDDEN, "cartId");
        }
        assertThat(commerce.carts().get(owner(cart), id)).as(stranger.toString()).isEqualTo(cart);
    }

    private void givenCode(String code) {
        commerce.promotions().create(NewPromotion.withCode(code, code, new Discount.PercentageOff(BigDecimal.TEN),
                START));
    }

    /**
     * Creates a guest cart and keeps its secret, as the guest's client would, for {@link #owner}.
     *
     * @param currency its currency
     * @return the cart
     */
    protected Cart guestCart(Currency currency) {
        return newGuestCart(currency).cart();
    }

    /**
     * Creates a guest cart and keeps its secret, as the guest's client would, for {@link #owner}.
     *
     * @param currency its currency
     * @return the cart and its secret
     */
    protected GuestCart newGuestCart(Currency currency) {
        GuestCart created = commerce.carts().create(currency);
        guestAccesses.put(created.id(), created.access());
        return created;
    }

    /**
     * @param cart a cart as it was read
     * @return the access its owner holds: its customer, or the secret its guest was handed
     */
    protected CartAccess owner(Cart cart) {
        return cart.customerId().<CartAccess>map(CartAccess::customer)
                .orElseGet(() -> guestAccesses.get(cart.id()));
    }

    /** @return a customer id; carts need no stored customer */
    protected CustomerId newCustomer() {
        return new CustomerId(UUID.randomUUID());
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}
