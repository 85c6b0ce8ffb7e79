package dev.cartwright.benchmarks;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Sku;
import dev.cartwright.inventory.Inventory;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.money.Money;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.Destination;
import dev.cartwright.pricing.Totals;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: cart and checkout operations on storage-memory with default settings, one thread. Stock is topped up
 * before every iteration so that checkouts never run out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MemoryStoreBenchmark {

    private static final List<Sku> SKUS = List.of(new Sku("MEM-A"), new Sku("MEM-B"), new Sku("MEM-C"));

    private Commerce commerce;
    private CartId cart;
    private CartAccess access;
    private final AtomicLong keys = new AtomicLong();

    /** Builds the shop: three products and a three-line cart. */
    @Setup(Level.Trial)
    public void setUp() {
        commerce = Commerce.builder().store(MemoryStore.create()).paymentGateway(new SimulatedPaymentGateway()).build();
        for (Sku sku : SKUS) {
            commerce.catalog().create(NewProduct.of(sku.value(), "Memory " + sku.value(), Money.of("10.00", "EUR")));
        }
        GuestCart created = commerce.carts().create(Money.currency("EUR"));
        access = created.access();
        cart = fill(created).id();
    }

    /** Tops the stock up to its maximum. */
    @Setup(Level.Iteration)
    public void restock() {
        for (Sku sku : SKUS) {
            long available = commerce.inventory().level(sku).onHand();
            if (available < Inventory.MAX_QUANTITY) {
                commerce.inventory().receive(sku, Inventory.MAX_QUANTITY - available);
            }
        }
    }

    private GuestCart fill(GuestCart created) {
        Cart filled = created.cart();
        for (Sku sku : SKUS) {
            filled = commerce.carts().add(created.access(), created.id(), sku, 1);
        }
        return new GuestCart(filled, created.secret());
    }

    /** @return a new guest cart with three lines, and its secret: four transactions */
    @Benchmark
    public GuestCart cartCreateAndAddThreeLines() {
        return fill(commerce.carts().create(Money.currency("EUR")));
    }

    /** @return a stored cart */
    @Benchmark
    public Cart cartGet() {
        return commerce.carts().get(access, cart);
    }

    /** @return the totals of a three-line cart */
    @Benchmark
    public Totals cartPrice() {
        return commerce.carts().price(access, cart, Destination.country("DE"));
    }

    /** @return a paid order of three SKUs without a cart */
    @Benchmark
    public Order checkoutDirect() {
        return commerce.checkout().placeOrder(new DirectOrderRequest(Map.of(SKUS.get(0), 1L, SKUS.get(1), 1L,
                SKUS.get(2), 1L), List.of(), Optional.empty(), Optional.of("guest@example.com"),
                CartwrightCheckout.ADDRESS, Optional.empty(), CartwrightCheckout.CARD, "k" + keys.incrementAndGet()));
    }

    /** @return a paid order from a new three-line cart: the cart's transactions and the checkout's */
    @Benchmark
    public Order checkoutFromCart() {
        GuestCart filled = cartCreateAndAddThreeLines();
        return commerce.checkout().placeOrder(CheckoutRequest.forGuest(filled.id(), filled.access(),
                "guest@example.com", CartwrightCheckout.ADDRESS, null, CartwrightCheckout.CARD,
                "c" + keys.incrementAndGet()));
    }
}
