package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.Sku;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.NewPromotion;
import dev.cartwright.pricing.ShippingOption;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo shop's configuration (EUR prices, German, French and Dutch tax rates, two shipping options) and its
 * first-start data: a small catalog with stock, the promotion code {@value #PROMOTION_CODE} and the code
 * {@value #BIG_ORDER_CODE}, which needs a subtotal of {@value #BIG_ORDER_MINIMUM} EUR. Seeding is idempotent: what
 * exists already is left alone.
 */
public final class DemoShop {

    /** The shop's currency. */
    public static final Currency CURRENCY = Money.currency("EUR");
    /** The country prices are shown for when a request names none. */
    public static final String HOME_COUNTRY = "DE";
    /** A 10%-off code for the demo. */
    public static final String PROMOTION_CODE = "WELCOME10";
    /** A code for 5 EUR off orders of at least {@value #BIG_ORDER_MINIMUM} EUR before discounts. */
    public static final String BIG_ORDER_CODE = "BIG100";
    /** The least subtotal, in EUR, that {@value #BIG_ORDER_CODE} applies to. */
    public static final String BIG_ORDER_MINIMUM = "100.00";

    private static final List<Seed> CATALOG = List.of(
            new Seed("MUG-1", "Enamel mug", "A mug that survives the campsite.", "12.50", "standard", "kitchen", 100),
            new Seed("TEE-1", "Organic T-shirt", "Plain, soft, and fairly made.", "19.90", "standard", "apparel", 50),
            new Seed("BOOK-1", "The Cartwright's Handbook", "Wheels, axles and carts.", "24.00", "reduced", "books", 20),
            new Seed("POSTER-1", "Workshop poster", "A2, printed on recycled paper.", "9.00", "standard", "prints", 30));

    private DemoShop() {
    }

    /** @return the tax rates: standard and reduced for DE, FR and NL */
    public static TaxPolicy taxPolicy() {
        return TaxPolicy.builder()
                .rate("DE", null, "standard", new BigDecimal("0.19"))
                .rate("DE", null, "reduced", new BigDecimal("0.07"))
                .rate("FR", null, "standard", new BigDecimal("0.20"))
                .rate("FR", null, "reduced", new BigDecimal("0.055"))
                .rate("NL", null, "standard", new BigDecimal("0.21"))
                .rate("NL", null, "reduced", new BigDecimal("0.09"))
                .build();
    }

    /** @return {@code standard} and {@code express} shipping to DE, FR and NL */
    public static ShippingOptions shippingOptions() {
        return ShippingOptions.builder()
                .add(new ShippingOption("standard", "Standard parcel", Map.of(
                        "DE", Money.of("4.90", "EUR"), "FR", Money.of("9.90", "EUR"), "NL", Money.of("9.90", "EUR")),
                        "standard"))
                .add(new ShippingOption("express", "Express courier", Map.of(
                        "DE", Money.of("12.00", "EUR"), "FR", Money.of("19.00", "EUR"), "NL", Money.of("19.00", "EUR")),
                        "standard"))
                .build();
    }

    /**
     * Creates what is missing of the demo catalog, its stock and the promotion.
     *
     * @param shop the shop to fill
     * @return how many products were created (0 on every start after the first)
     */
    public static int seed(Commerce shop) {
        int created = seedCatalog(shop);
        seedPromotions(shop);
        return created;
    }

    /**
     * Creates what is missing of the demo catalog and its stock (product-service's part of {@link #seed}).
     *
     * @param shop the shop to fill
     * @return how many products were created (0 on every start after the first)
     */
    public static int seedCatalog(Commerce shop) {
        int created = 0;
        for (Seed seed : CATALOG) {
            Sku sku = Sku.of(seed.sku());
            if (shop.catalog().findBySku(sku).isPresent()) {
                continue;
            }
            Product product = shop.catalog().create(NewProduct.of(seed.sku(), seed.name(), Money.of(seed.price(), "EUR"))
                    .withDescription(seed.description())
                    .withTaxClass(seed.taxClass())
                    .withCategories(Set.of(seed.category())));
            shop.inventory().receive(product.sku(), seed.stock());
            created++;
        }
        return created;
    }

    /**
     * Creates the demo promotions that are missing (order-service's part of {@link #seed}).
     *
     * @param shop the shop to fill
     */
    public static void seedPromotions(Commerce shop) {
        if (shop.promotions().findByCode(PROMOTION_CODE).isEmpty()) {
            shop.promotions().create(NewPromotion.withCode(PROMOTION_CODE, "Welcome: 10% off",
                    new Discount.PercentageOff(BigDecimal.TEN), Instant.EPOCH));
        }
        if (shop.promotions().findByCode(BIG_ORDER_CODE).isEmpty()) {
            shop.promotions().create(NewPromotion.withCode(BIG_ORDER_CODE, "5 EUR off orders of 100 EUR",
                    new Discount.AmountOff(Money.of(new BigDecimal("5.00"), CURRENCY)), Instant.EPOCH)
                    .withMinimumSubtotal(Money.of(new BigDecimal(BIG_ORDER_MINIMUM), CURRENCY)));
        }
    }

    private record Seed(String sku, String name, String description, String price, String taxClass, String category,
            long stock) {
    }
}
