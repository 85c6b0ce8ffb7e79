package dev.cartwright.benchmarks;

import dev.cartwright.money.Money;
import dev.cartwright.payment.AuthorizationRequest;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storage-memory baseline: the simplest correct in-memory checkout. Stock is an {@link AtomicLong} per SKU
 * taken with compare-and-set (a line that cannot be taken puts back the lines taken before it); orders and payments
 * go into {@link ConcurrentHashMap}s; the card is authorized by the same simulated gateway.
 */
final class RawMemoryCheckout implements CheckoutSystem {

    private record OrderRow(UUID id, String email, List<String> skus, long totalMinor, long placedAt) {
    }

    private record PaymentRow(UUID id, UUID orderId, long amountMinor, String gatewayPaymentId) {
    }

    private final Map<String, AtomicLong> stock = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sold = new ConcurrentHashMap<>();
    private final Map<UUID, OrderRow> orders = new ConcurrentHashMap<>();
    private final Map<UUID, PaymentRow> payments = new ConcurrentHashMap<>();
    private volatile SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

    @Override
    public String label() {
        return "raw in-memory";
    }

    @Override
    public void stock(List<String> skus, long units) {
        for (String sku : skus) {
            stock.put(sku, new AtomicLong(units));
            sold.put(sku, new AtomicLong());
        }
    }

    @Override
    public void checkout(List<String> skus, String key) {
        List<String> taken = new ArrayList<>();
        for (String sku : skus) {
            if (!take(stock.get(sku))) {
                taken.forEach(back -> stock.get(back).incrementAndGet());
                throw new IllegalStateException("out of stock: " + sku);
            }
            taken.add(sku);
        }
        UUID orderId = UUID.randomUUID();
        long total = 1000L * skus.size();
        GatewayResult result = gateway.authorize(new AuthorizationRequest(Money.ofMinor(total, Money.currency("EUR")),
                SimulatedPaymentGateway.VISA, "order:" + orderId, orderId.toString(), false));
        orders.put(orderId, new OrderRow(orderId, "guest@example.com", List.copyOf(skus), total,
                System.currentTimeMillis()));
        UUID paymentId = UUID.randomUUID();
        payments.put(paymentId, new PaymentRow(paymentId, orderId, total,
                ((GatewayResult.Approved) result).gatewayPaymentId()));
        skus.forEach(sku -> sold.get(sku).incrementAndGet());
    }

    private static boolean take(AtomicLong units) {
        while (true) {
            long current = units.get();
            if (current < 1) {
                return false;
            }
            if (units.compareAndSet(current, current - 1)) {
                return true;
            }
        }
    }

    @Override
    public long[] onHandAndSold(String sku) {
        return new long[] {stock.get(sku).get(), sold.get(sku).get()};
    }

    /**
     * At hundreds of thousands of checkouts a second, the maps (and the simulator's) would fill the heap within a few
     * runs and measure the garbage collector; the stock counters, which the conservation check reads, stay.
     */
    @Override
    public void betweenRuns() {
        orders.clear();
        payments.clear();
        gateway = new SimulatedPaymentGateway();
    }

    @Override
    public void close() {
        orders.clear();
        payments.clear();
    }
}
