package dev.cartwright.examples.tour;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.Customer;
import dev.cartwright.customer.Login;
import dev.cartwright.examples.api.DemoShop;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.Order;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.Destination;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.NewPromotion;
import dev.cartwright.pricing.Totals;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scripted day in a shop, printed step by step: stock arrives, a guest fills a cart and logs in (the cart
 * merges into the one she left yesterday), a promotion applies, checkout and payment, a declined card and a
 * retry, fulfilment, a partial refund, and the final stock and sales figures. Runs in memory: no setup.
 */
public final class Tour {

    private static final Address ADA_HOME = Address.of("Ada Lovelace", "Unter den Linden 5", "Berlin", "10117", "DE");
    private static final Address BOB_HOME = Address.of("Bob Builder", "Keizersgracht 1", "Amsterdam", "1015 CJ", "NL");
    private static final String STAFF = "staff:grace";

    private final PrintStream out;
    private final Commerce shop;
    private int step;

    /**
     * @param out where the story is printed
     */
    public Tour(PrintStream out) {
        this.out = out;
        this.shop = Commerce.builder()
                .store(MemoryStore.create())
                .taxPolicy(DemoShop.taxPolicy())
                .shippingOptions(DemoShop.shippingOptions())
                .paymentGateway(new SimulatedPaymentGateway())
                // A demo: cheap password hashing so the tour runs in a blink (the default is 600,000 iterations).
                .passwordIterations(1_000)
                .build();
    }

    /**
     * Runs the tour on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        new Tour(System.out).run();
    }

    /**
     * Runs the day and prints it.
     *
     * @return the closing figures
     */
    public Figures run() {
        heading("Stock arrives");
        Map<Sku, Long> received = new LinkedHashMap<>();
        Product mug = stock(NewProduct.of("MUG-1", "Enamel mug", Money.of("12.50", "EUR")), 20, received);
        Product book = stock(NewProduct.of("BOOK-1", "The Cartwright's Handbook", Money.of("24.00", "EUR"))
                .withTaxClass("reduced"), 5, received);
        Product tee = stock(NewProduct.of("TEE-1", "Organic T-shirt", Money.of("19.90", "EUR")), 10, received);
        Product poster = stock(NewProduct.of("POSTER-1", "Workshop poster", Money.of("9.00", "EUR")), 8, received);
        shop.promotions().create(NewPromotion.withCode(DemoShop.PROMOTION_CODE, "Welcome: 10% off",
                new Discount.PercentageOff(BigDecimal.TEN), Instant.EPOCH));
        say("promotion code %s is live: 10%% off", DemoShop.PROMOTION_CODE);

        heading("A guest fills a cart");
        Customer ada = shop.accounts().register("ada@example.com", "correct horse battery", "Ada");
        CartAccess asAda = CartAccess.customer(ada.id());
        Cart yesterday = shop.carts().createFor(ada.id(), DemoShop.CURRENCY);
        shop.carts().add(asAda, yesterday.id(), tee.sku(), 1);
        say("(Ada registered yesterday and left one %s in her cart)", tee.name());
        GuestCart guest = shop.carts().create(DemoShop.CURRENCY);
        say("a guest cart comes with a secret, handed out once; only its SHA-256 is stored");
        shop.carts().add(guest.access(), guest.id(), mug.sku(), 2);
        shop.carts().add(guest.access(), guest.id(), book.sku(), 1);
        printCart(guest.access(), guest.id(), "guest cart");

        heading("The guest logs in and the carts merge");
        Login login = shop.accounts().login("ada@example.com", "correct horse battery");
        Cart merged = shop.carts().merge(guest.access(), guest.id(), login.customer().id());
        say("logged in as %s; her cart now holds:", login.customer().name());
        printCart(asAda, merged.id(), "merged cart");

        heading("A promotion applies");
        shop.carts().applyPromotionCode(asAda, merged.id(), DemoShop.PROMOTION_CODE);
        Totals discounted = shop.carts().price(asAda, merged.id(), ADA_HOME.destination(), "standard");
        say("with %s and standard shipping to DE: discount %s, tax %s, shipping %s, total %s",
                DemoShop.PROMOTION_CODE, discounted.discountTotal(), discounted.taxTotal(), discounted.shipping(),
                discounted.grandTotal());

        heading("Checkout and payment");
        Order adaOrder = shop.checkout().placeOrder(CheckoutRequest.forCustomer(merged.id(), ada.id(), ADA_HOME,
                "standard", PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242"), "ada-checkout-1"));
        say("order %s: %s, payment %s, total %s", shortId(adaOrder), adaOrder.status(), adaOrder.paymentStatus(),
                adaOrder.totals().grandTotal());
        adaOrder = shop.backOffice().capture(STAFF, adaOrder.id(), Optional.empty());
        say("captured: payment %s", adaOrder.paymentStatus());

        heading("A declined card and a retry");
        shop.accounts().register("bob@example.com", "we can fix it, yes!", "Bob");
        Customer bob = shop.accounts().login("bob@example.com", "we can fix it, yes!").customer();
        Cart bobCart = shop.carts().createFor(bob.id(), DemoShop.CURRENCY);
        shop.carts().add(CartAccess.customer(bob.id()), bobCart.id(), poster.sku(), 3);
        Order bobOrder = shop.checkout().placeOrder(CheckoutRequest.forCustomer(bobCart.id(), bob.id(), BOB_HOME,
                "standard", PaymentMethod.of(SimulatedPaymentGateway.DECLINE, "visa", "0002"), "bob-checkout-1"));
        say("order %s with a card that is declined: %s, payment %s", shortId(bobOrder), bobOrder.status(),
                bobOrder.paymentStatus());
        bobOrder = shop.checkout().pay(CartAccess.customer(bob.id()), bobOrder.id(),
                PaymentMethod.of(SimulatedPaymentGateway.MASTERCARD, "mastercard", "4444"), "bob-retry-1");
        say("retried with another card: %s, payment %s, total %s", bobOrder.status(), bobOrder.paymentStatus(),
                bobOrder.totals().grandTotal());
        bobOrder = shop.backOffice().capture(STAFF, bobOrder.id(), Optional.empty());

        heading("Fulfilment");
        adaOrder = fulfil(adaOrder, "DHL", "DHL-0001");
        bobOrder = fulfil(bobOrder, "PostNL", "PNL-0002");
        adaOrder = shop.backOffice().markDelivered(STAFF, adaOrder.id());
        say("order %s delivered: %s", shortId(adaOrder), adaOrder.status());

        heading("A partial refund");
        Money refund = adaOrder.lines().stream().filter(line -> line.sku().equals(mug.sku())).findFirst()
                .map(line -> line.total().allocate(List.of(1L, line.quantity() - 1)).get(0)).orElseThrow();
        Map<Sku, Long> returned = Map.of(mug.sku(), 1L);
        adaOrder = shop.backOffice().refund(STAFF, adaOrder.id(), refund, returned);
        say("Ada returns one mug: refunded %s and put it back in stock; payment %s", refund, adaOrder.paymentStatus());

        heading("Final stock and sales");
        Map<Sku, StockLevel> levels = shop.inventory().levels(received.keySet());
        for (Sku sku : received.keySet()) {
            StockLevel level = levels.get(sku);
            say("%-9s received %3d  sold %3d  on hand %3d  available %3d", sku, received.get(sku), level.sold(),
                    level.onHand(), level.available());
        }
        List<Order> orders = List.of(adaOrder, bobOrder);
        Money captured = Money.zero(DemoShop.CURRENCY);
        for (Order order : orders) {
            captured = captured.plus(order.totals().grandTotal());
        }
        Money net = captured.minus(refund);
        say("orders %d, captured %s, refunded %s, net sales %s", orders.size(), captured, refund, net);
        return new Figures(received, returned, levels, new ArrayList<>(orders), captured, refund, net);
    }

    private Product stock(NewProduct product, long units, Map<Sku, Long> received) {
        Product created = shop.catalog().create(product);
        StockLevel level = shop.inventory().receive(created.sku(), units);
        received.put(created.sku(), units);
        say("%s (%s at %s): %d units on hand", created.name(), created.sku(), created.price(), level.onHand());
        return created;
    }

    private Order fulfil(Order order, String carrier, String tracking) {
        Map<Sku, Long> all = new LinkedHashMap<>();
        order.lines().forEach(line -> all.put(line.sku(), line.quantity()));
        Order shipped = shop.backOffice().fulfil(STAFF, order.id(), all, carrier, tracking);
        say("order %s shipped with %s (%s): %s", shortId(shipped), carrier, tracking, shipped.fulfillmentStatus());
        return shipped;
    }

    private void printCart(CartAccess access, CartId id, String label) {
        Cart current = shop.carts().get(access, id);
        current.lines().forEach(line -> say("  %d x %s at %s", line.quantity(), line.name(), line.unitPrice()));
        Totals totals = shop.carts().price(access, id, Destination.country(DemoShop.HOME_COUNTRY));
        say("  %s subtotal %s, total with tax %s", label, totals.subtotal(), totals.grandTotal());
    }

    private void heading(String title) {
        step++;
        out.println();
        out.println("== " + step + ". " + title + " ==");
    }

    private void say(String format, Object... args) {
        out.println(String.format(format, args));
    }

    private static String shortId(Order order) {
        String id = order.id().toString();
        return id.substring(id.length() - 8);
    }

    /**
     * The closing figures of a tour.
     *
     * @param received units received per SKU at the start
     * @param returned units put back in stock by refunds
     * @param stock the final stock levels
     * @param orders the orders of the day, as they ended
     * @param captured the money taken
     * @param refunded the money given back
     * @param net captured minus refunded
     */
    public record Figures(Map<Sku, Long> received, Map<Sku, Long> returned, Map<Sku, StockLevel> stock,
            List<Order> orders, Money captured, Money refunded, Money net) {
    }
}
