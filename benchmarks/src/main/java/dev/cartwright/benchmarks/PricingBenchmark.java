package dev.cartwright.benchmarks;

import dev.cartwright.Commerce;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Sku;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Destination;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.NewPromotion;
import dev.cartwright.pricing.PriceCalculator;
import dev.cartwright.pricing.PriceRequest;
import dev.cartwright.pricing.PricedLine;
import dev.cartwright.pricing.Promotion;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.pricing.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: pricing a 20-line cart (two tax classes, quantities 1 to 3) with two promotions (an automatic 10% off and a
 * code for 5.00 EUR off) and German tax, by the pure {@link PriceCalculator} and by {@code Carts.price} on
 * storage-memory (which also loads the cart and the promotions in a transaction).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PricingBenchmark {

    static final int LINES = 20;

    private PriceCalculator calculator;
    private PriceRequest request;
    private Commerce commerce;
    private CartId cart;
    private CartAccess access;
    private final Destination germany = Destination.country("DE");

    /** Builds the shop, the cart and the request. */
    @Setup
    public void setUp() {
        Instant since = Instant.parse("2020-01-01T00:00:00Z");
        TaxPolicy tax = TaxPolicy.builder().rate("DE", null, "standard", new BigDecimal("0.19"))
                .rate("DE", null, "reduced", new BigDecimal("0.07")).build();
        commerce = Commerce.builder().store(MemoryStore.create()).taxPolicy(tax).build();
        Promotion percent = commerce.promotions().create(NewPromotion.automatic("Ten percent",
                new Discount.PercentageOff(new BigDecimal("10")), since));
        Promotion amount = commerce.promotions().create(NewPromotion.withCode("SAVE5", "Five off",
                new Discount.AmountOff(Money.of("5.00", "EUR")), since));
        GuestCart created = commerce.carts().create(Money.currency("EUR"));
        access = created.access();
        List<PricedLine> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            String taxClass = i % 3 == 0 ? "reduced" : "standard";
            Money price = Money.ofMinor(199 + 137L * i, Money.currency("EUR"));
            commerce.catalog().create(NewProduct.of("PRICE-" + i, "Priced product " + i, price).withTaxClass(taxClass));
            commerce.carts().add(access, created.id(), new Sku("PRICE-" + i), 1 + i % 3);
            lines.add(new PricedLine(new Sku("PRICE-" + i), price, 1 + i % 3, taxClass));
        }
        commerce.carts().applyPromotionCode(access, created.id(), "SAVE5");
        cart = created.id();
        calculator = commerce.priceCalculator();
        request = new PriceRequest(Money.currency("EUR"), lines, List.of(percent, amount), germany, Optional.empty(),
                tax, Instant.now());
    }

    /** @return the totals of the request, priced in memory without a store */
    @Benchmark
    public Totals priceCalculator() {
        return calculator.price(request);
    }

    /** @return the totals of the stored cart, as a host's cart page asks for them */
    @Benchmark
    public Totals cartsPrice() {
        return commerce.carts().price(access, cart, germany);
    }

    /** @return the totals, checked to apply both promotions, for the smoke test */
    Totals check() {
        setUp();
        Totals totals = cartsPrice();
        if (totals.appliedPromotions().size() != 2 || !totals.equals(priceCalculator())) {
            throw new IllegalStateException("the benchmark cart does not apply both promotions: " + totals);
        }
        return totals;
    }
}
