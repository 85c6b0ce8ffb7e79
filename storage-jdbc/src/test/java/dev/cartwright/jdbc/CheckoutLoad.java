package dev.cartwright.jdbc;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Sku;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.ShippingOption;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The child process of {@link H2FileDurabilityTest}: opens the H2 file store, stocks the products if they are
 * missing, then places orders from several threads until it is killed. After each {@code placeOrder} returns
 * it prints {@code order <id> <line count> <grand total in minor units> end} and flushes, so that every printed
 * order was committed before the line could be read.
 *
 * <p>Arguments: the database path, the random seed, the number of threads.
 */
final class CheckoutLoad {

    /** The SKUs the load buys. */
    static final List<String> SKUS = List.of("DUR-0", "DUR-1", "DUR-2", "DUR-3", "DUR-4", "DUR-5");

    /** The units received for each SKU, far more than a run can sell. */
    static final long RECEIVED = 1_000_000;

    private static final Address ADDRESS = Address.of("Ada Lovelace", "Hauptstr. 1", "Berlin", "10115", "DE");

    private CheckoutLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        String path = args[0];
        long seed = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        Commerce commerce = Commerce.builder()
                .store(JdbcStore.embeddedH2(path))
                .paymentGateway(new SimulatedPaymentGateway())
                .taxPolicy(TaxPolicy.builder().rate("DE", null, "standard", new BigDecimal("0.19")).build())
                .shippingOptions(ShippingOptions.builder()
                        .add(new ShippingOption("standard", "Standard", Map.of("DE", Money.of("4.90", "EUR")),
                                "standard"))
                        .build())
                .build();
        stock(commerce);
        PrintStream out = System.out;
        out.println("ready");
        out.flush();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed + t);
            Thread worker = new Thread(() -> {
                while (true) {
                    Order order = commerce.checkout().placeOrder(request(random));
                    // One write per line, so that a kill never leaves half a line that parses.
                    String line = "order " + order.id().value() + " " + order.lines().size() + " "
                            + order.totals().grandTotal().minorUnits() + " end\n";
                    synchronized (out) {
                        out.print(line);
                        out.flush();
                    }
                }
            }, "checkout-" + t);
            worker.start();
        }
        Thread.currentThread().join();
    }

    /** One product per SKU, and its stock, each created only if missing, so that a killed seeding resumes. */
    private static void stock(Commerce commerce) {
        for (int i = 0; i < SKUS.size(); i++) {
            Sku sku = Sku.of(SKUS.get(i));
            if (commerce.catalog().findBySku(sku).isEmpty()) {
                commerce.catalog().create(NewProduct.of(sku.value(), "Product " + sku.value(),
                        Money.ofMinor(199 + 250L * i, Money.currency("EUR"))));
            }
            if (commerce.inventory().level(sku).onHand() + commerce.inventory().level(sku).sold() == 0) {
                commerce.inventory().receive(sku, RECEIVED);
            }
        }
    }

    private static DirectOrderRequest request(Random random) {
        Map<Sku, Long> quantities = new TreeMap<>();
        int skus = 1 + random.nextInt(3);
        while (quantities.size() < skus) {
            quantities.put(Sku.of(SKUS.get(random.nextInt(SKUS.size()))), 1L + random.nextInt(3));
        }
        Optional<String> shipping = random.nextBoolean() ? Optional.of("standard") : Optional.empty();
        return new DirectOrderRequest(quantities, List.of(), Optional.empty(), Optional.of("buyer@example.com"),
                ADDRESS, shipping, PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242"),
                UUID.randomUUID().toString());
    }
}
