package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderPlaced;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of checkout (with retries of the same key), paying again, cancelling, shipping, capturing
 * and refunding, from several threads at once; after each run the store is checked against what the orders and
 * the card network say must hold (the invariants of ARCHITECTURE.md). The seed is printed; set the system property
 * {@code cartwright.seed} to replay one.
 */
public abstract class MoneyPathInterleavingsContract extends OrderFixtures {

    private static final int RUNS = 3;
    private static final int THREADS = 4;
    private static final int STEPS = 20;
    private static final long STOCK = 8;
    private static final List<String> SKUS = List.of("R1", "R2", "R3");
    /** Codes a call may end with when others race it; anything else is a bug. */
    private static final Set<ErrorCode> EXPECTED = EnumSet.of(ErrorCode.INVALID_TRANSITION, ErrorCode.VALIDATION,
            ErrorCode.INSUFFICIENT_STOCK, ErrorCode.IN_PROGRESS, ErrorCode.CONFLICT, ErrorCode.FORBIDDEN);

    private final List<CommerceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return super.configure(builder).eventListener(events::add);
    }

    @Test
    void randomInterleavingsKeepStockMoneyAndOrdersConsistent() throws Exception {
        long seed = Long.getLong("cartwright.seed", new Random().nextLong());
        System.out.println(getClass().getSimpleName() + ".randomInterleavings seed = " + seed);
        for (int run = 0; run < RUNS; run++) {
            setUpStore();
            events.clear();
            runOnce(seed + run, "seed " + seed + " run " + run);
        }
    }

    private void runOnce(long seed, String replay) throws Exception {
        SKUS.forEach(sku -> givenStockedProduct(sku, "3.7" + sku.charAt(1), STOCK));
        List<CustomerId> customers = List.of(newCustomer(), newCustomer(), newCustomer());
        Random plan = new Random(seed);
        // A few keys, each naming one fixed request, so that threads retry one another's checkouts.
        List<DirectOrderRequest> requests = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            CustomerId customer = customers.get(plan.nextInt(customers.size()));
            String token = plan.nextInt(4) == 0 ? SimulatedPaymentGateway.DECLINE : SimulatedPaymentGateway.VISA;
            requests.add(new DirectOrderRequest(Map.of(Sku.of(SKUS.get(plan.nextInt(SKUS.size()))),
                    1L + plan.nextInt(3)), List.of(), Optional.of(customer), Optional.empty(), ADDRESS,
                    Optional.of("standard"), card(token), "key-" + k));
        }
        Map<String, Order> placed = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();

        Contracts.race(THREADS, thread -> () -> {
            Random random = new Random(seed * 31 + thread);
            for (int step = 0; step < STEPS; step++) {
                List<Order> known = new ArrayList<>(placed.values());
                try {
                    int action = random.nextInt(7);
                    if (action <= 1 || known.isEmpty()) {
                        DirectOrderRequest request = requests.get(random.nextInt(requests.size()));
                        placed.put(request.idempotencyKey(), commerce.checkout().placeOrder(request));
                        continue;
                    }
                    Order order = commerce.backOffice().get(known.get(random.nextInt(known.size())).id());
                    switch (action) {
                        case 2 -> payAgain(order, card(SimulatedPaymentGateway.VISA), "again-" + random.nextInt(3));
                        case 3 -> {
                            if (random.nextBoolean()) {
                                commerce.backOffice().cancel("staff", order.id());
                            } else {
                                commerce.orders().cancel(order.customerId().orElseThrow(), order.id());
                            }
                        }
                        case 4 -> commerce.backOffice().fulfil("staff", order.id(),
                                Map.of(order.lines().get(0).sku(), 1L), "DHL", "T" + step);
                        case 5 -> commerce.backOffice().capture("staff", order.id(), random.nextBoolean()
                                ? Optional.empty() : Optional.of(someOf(random, order.totals().grandTotal())));
                        default -> commerce.backOffice().refund("staff", order.id(),
                                someOf(random, order.totals().grandTotal()), random.nextBoolean() ? Map.of()
                                        : Map.of(order.lines().get(0).sku(), 1L));
                    }
                } catch (CommerceException e) {
                    if (!EXPECTED.contains(e.code())) {
                        unexpected.add(e.toString());
                    }
                }
            }
            return null;
        });
        commerce.deliverEvents();

        assertThat(unexpected).as(replay + ": failures no race explains").isEmpty();
        List<Order> orders = new ArrayList<>();
        for (CustomerId customer : customers) {
            orders.addAll(commerce.orders().list(customer, Optional.empty(), 100));
        }
        assertThat(orders).as(replay + ": one order per key").hasSize(
                (int) orders.stream().map(Order::idempotencyKey).distinct().count());
        assertStockAddsUp(orders, replay);
        for (Order order : orders) {
            assertMoneyAgrees(order, replay);
        }
    }

    /** Every unit received is on hand or sold, and what is sold or held is what orders keep. */
    private void assertStockAddsUp(List<Order> orders, String replay) {
        Map<Sku, Long> kept = new HashMap<>();
        Map<Sku, Long> unpaid = new HashMap<>();
        Map<Sku, Long> held = new HashMap<>();
        for (Order order : orders) {
            for (OrderLine line : order.lines()) {
                switch (order.status()) {
                    case CONFIRMED, COMPLETED -> kept.merge(line.sku(), line.quantity() - line.returned(), Long::sum);
                    case PENDING_PAYMENT -> {
                        if (line.reservation().isPresent()) {
                            held.merge(line.sku(), line.quantity(), Long::sum);
                        } else {
                            unpaid.merge(line.sku(), line.quantity() - line.returned(), Long::sum);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        for (String name : SKUS) {
            Sku sku = Sku.of(name);
            StockLevel level = commerce.inventory().level(sku);
            assertThat(level.onHand() + level.sold()).as(replay + ": units of " + sku).isEqualTo(STOCK);
            assertUnitsAddUp(level, kept.getOrDefault(sku, 0L), unpaid.getOrDefault(sku, 0L),
                    held.getOrDefault(sku, 0L), replay);
        }
    }

    /**
     * Asserts that a SKU's sold and reserved units are what the orders keep: here, where unpaid orders are sold
     * their units when placed, sold is what confirmed and unpaid orders keep, and reserved what unpaid orders of
     * earlier versions hold.
     *
     * @param level the SKU's stock
     * @param kept the units that confirmed orders keep
     * @param unpaid the units that unpaid orders took when placed (and have not given back)
     * @param held the units that unpaid orders hold in reservations
     * @param replay how to replay the run
     */
    protected void assertUnitsAddUp(StockLevel level, long kept, long unpaid, long held, String replay) {
        assertThat(level.sold()).as(replay + ": sold of " + level.sku()).isEqualTo(kept + unpaid);
        assertThat(level.reserved()).as(replay + ": held of " + level.sku()).isEqualTo(held);
    }

    /** The order, its payments and the card network tell the same story, and a cancelled order keeps no money. */
    private void assertMoneyAgrees(Order order, String replay) {
        String about = replay + ": order " + order.idempotencyKey() + " " + order.status();
        assertThat(order.status()).as(about).isNotEqualTo(OrderStatus.CANCELLING);
        List<Payment> payments = commerce.orders().payments(order.customerId().orElseThrow(), order.id());
        assertThat(payments.stream().filter(payment -> payment.authorized().isPositive()).count())
                .as(about + ": approved payments").isLessThanOrEqualTo(1);
        Payment current = paymentOf(order);
        assertThat(order.paymentStatus()).as(about).isEqualTo(OrderPaymentStatus.of(current.status()));
        if (current.gatewayPaymentId() != null) {
            SimulatedPaymentGateway.Charge charge = gateway.charge(current.gatewayPaymentId()).orElseThrow();
            assertThat(current.authorized()).as(about + ": authorized").isEqualTo(charge.authorized());
            assertThat(current.captured()).as(about + ": captured").isEqualTo(charge.captured());
            assertThat(current.refunded()).as(about + ": refunded").isEqualTo(charge.refunded());
            assertThat(current.status() == PaymentStatus.VOIDED).as(about + ": voided").isEqualTo(charge.voided());
        }
        if (order.status() == OrderStatus.CANCELLED) {
            assertThat(current.status()).as(about + ": a cancelled order holds no authorization")
                    .isNotIn(PaymentStatus.AUTHORIZED, PaymentStatus.PARTIALLY_CAPTURED);
            assertThat(current.refundable().isZero()).as(about + ": a cancelled order keeps no capture").isTrue();
            assertThat(order.shipments()).as(about + ": nothing shipped").isEmpty();
        }
        long placedEvents = events.stream().filter(OrderPlaced.class::isInstance).map(OrderPlaced.class::cast)
                .filter(event -> event.orderId().equals(order.id())).count();
        boolean everConfirmed = order.history().stream().anyMatch(entry -> entry.to().equals("CONFIRMED"));
        assertThat(placedEvents).as(about + ": OrderPlaced").isEqualTo(everConfirmed ? 1 : 0);
    }

    private static Money someOf(Random random, Money upTo) {
        return Money.ofMinor(1 + random.nextLong(upTo.minorUnits()), upTo.currency());
    }
}
