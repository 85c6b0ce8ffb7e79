package dev.cartwright.benchmarks;

import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Sku;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cartwright's own checkout over a store, with default settings: a guest buys the SKUs with
 * {@code Commerce.checkout().placeOrder(DirectOrderRequest)}, paid by the
 * {@link SimulatedPaymentGateway}, authorization only (the default).
 */
final class CartwrightCheckout implements CheckoutSystem {

    static final Address ADDRESS = Address.of("Ada Lovelace", "1 Main Street", "Berlin", "10115", "DE");
    static final PaymentMethod CARD = PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242");

    private final String label;
    private final CommerceStore store;
    private final Runnable onClose;
    private final Commerce commerce;

    CartwrightCheckout(String label, CommerceStore store, Runnable onClose) {
        this.label = label;
        this.store = store;
        this.onClose = onClose;
        this.commerce = Commerce.builder().store(store).paymentGateway(new SimulatedPaymentGateway()).build();
    }

    Commerce commerce() {
        return commerce;
    }

    CommerceStore store() {
        return store;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void stock(List<String> skus, long units) {
        for (String sku : skus) {
            commerce.catalog().create(NewProduct.of(sku, "Product " + sku, Money.of("10.00", "EUR")));
            commerce.inventory().receive(new Sku(sku), units);
        }
    }

    @Override
    public void checkout(List<String> skus, String key) {
        Map<Sku, Long> lines = new LinkedHashMap<>();
        for (String sku : skus) {
            lines.put(new Sku(sku), 1L);
        }
        Order order = commerce.checkout().placeOrder(new DirectOrderRequest(lines, List.of(), Optional.empty(),
                Optional.of("guest@example.com"), ADDRESS, Optional.empty(), CARD, key));
        if (order.status() != OrderStatus.CONFIRMED) {
            throw new IllegalStateException("order " + order.id() + " is " + order.status());
        }
    }

    @Override
    public long[] onHandAndSold(String sku) {
        StockLevel level = commerce.inventory().level(new Sku(sku));
        return new long[] {level.onHand(), level.sold()};
    }

    @Override
    public void close() {
        onClose.run();
    }
}
