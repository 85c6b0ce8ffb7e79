package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.Inventory;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationStatus;
import dev.cartwright.inventory.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A plain model of inventory that random operation sequences are checked against. Not thread-safe. */
final class InventoryModel {

    private final Map<Sku, Stock> stock = new HashMap<>();
    private final List<Held> reservations = new ArrayList<>();

    InventoryModel(List<Sku> skus) {
        skus.forEach(sku -> stock.put(sku, new Stock()));
    }

    private static final class Stock {
        long receivedAndAdjusted;
        long onHand;
        long sold;
    }

    private static final class Held {
        final Reservation reservation;
        ReservationStatus stored = ReservationStatus.LIVE;

        Held(Reservation reservation) {
            this.reservation = reservation;
        }

        boolean holdsAt(Instant now) {
            return stored == ReservationStatus.LIVE && !reservation.isExpiredAt(now);
        }
    }

    long reserved(Sku sku, Instant now) {
        return reservations.stream()
                .filter(held -> held.reservation.sku().equals(sku) && held.holdsAt(now))
                .mapToLong(held -> held.reservation.quantity())
                .sum();
    }

    long available(Sku sku, Instant now) {
        return stock.get(sku).onHand - reserved(sku, now);
    }

    /** One seeded sequence of operations against the inventory under test and the model. */
    static final class Run {

        private final Inventory inventory;
        private final MutableClock clock;
        private final InventoryModel model;
        private final List<Sku> skus;
        private final long seed;
        private final Random random;

        Run(Inventory inventory, MutableClock clock, InventoryModel model, List<Sku> skus, long seed) {
            this.inventory = inventory;
            this.clock = clock;
            this.model = model;
            this.skus = skus;
            this.seed = seed;
            this.random = new Random(seed);
        }

        void steps(int count) {
            for (int step = 0; step < count; step++) {
                String operation = step(random.nextInt(8));
                Instant now = clock.instant();
                for (Sku sku : skus) {
                    Stock expected = model.stock.get(sku);
                    long reserved = model.reserved(sku, now);
                    StockLevel level = inventory.level(sku);
                    String where = "seed " + seed + ", step " + step + " (" + operation + "), " + sku;
                    assertThat(level).as(where).isEqualTo(StockLevel.of(sku, expected.onHand, reserved, expected.sold));
                    assertThat(level.available()).as(where).isNotNegative();
                    assertThat(level.available() + level.reserved() + level.sold())
                            .as("conservation at " + where).isEqualTo(expected.receivedAndAdjusted);
                }
            }
        }

        private String step(int kind) {
            Instant now = clock.instant();
            Sku sku = skus.get(random.nextInt(skus.size()));
            Stock stock = model.stock.get(sku);
            switch (kind) {
                case 0: {
                    long quantity = 1 + random.nextInt(20);
                    inventory.receive(sku, quantity);
                    stock.onHand += quantity;
                    stock.receivedAndAdjusted += quantity;
                    return "receive " + sku + " " + quantity;
                }
                case 1: {
                    long delta = random.nextInt(31) - 15;
                    long change = delta == 0 ? 1 : delta;
                    boolean fits = stock.onHand + change >= model.reserved(sku, now);
                    expect(() -> inventory.adjust(sku, change), fits ? null : ErrorCode.INSUFFICIENT_STOCK);
                    if (fits) {
                        stock.onHand += change;
                        stock.receivedAndAdjusted += change;
                    }
                    return "adjust " + sku + " " + change;
                }
                case 2: {
                    long quantity = 1 + random.nextInt(10);
                    Duration ttl = Duration.ofSeconds(1 + random.nextInt(60));
                    boolean fits = model.available(sku, now) >= quantity;
                    Reservation[] made = new Reservation[1];
                    expect(() -> made[0] = inventory.reserve(sku, quantity, ttl), fits ? null : ErrorCode.INSUFFICIENT_STOCK);
                    if (fits) {
                        model.reservations.add(new Held(made[0]));
                    }
                    return "reserve " + sku + " " + quantity + " for " + ttl;
                }
                case 3: {
                    Sku other = skus.get((skus.indexOf(sku) + 1 + random.nextInt(skus.size() - 1)) % skus.size());
                    long first = 1 + random.nextInt(6);
                    long second = 1 + random.nextInt(6);
                    boolean fits = model.available(sku, now) >= first && model.available(other, now) >= second;
                    List<List<Reservation>> made = new ArrayList<>();
                    expect(() -> made.add(inventory.reserveAll(Map.of(sku, first, other, second), Duration.ofSeconds(30))),
                            fits ? null : ErrorCode.INSUFFICIENT_STOCK);
                    if (fits) {
                        made.get(0).forEach(reservation -> model.reservations.add(new Held(reservation)));
                    }
                    return "reserveAll " + sku + " " + first + ", " + other + " " + second;
                }
                case 4: {
                    if (model.reservations.isEmpty()) {
                        return "release (none)";
                    }
                    Held held = model.reservations.get(random.nextInt(model.reservations.size()));
                    boolean committed = held.stored == ReservationStatus.COMMITTED;
                    expect(() -> inventory.release(held.reservation.id()), committed ? ErrorCode.CONFLICT : null);
                    if (!committed) {
                        held.stored = ReservationStatus.RELEASED;
                    }
                    return "release " + held.reservation;
                }
                case 5: {
                    if (model.reservations.isEmpty()) {
                        return "commit (none)";
                    }
                    Held held = model.reservations.get(random.nextInt(model.reservations.size()));
                    boolean live = held.holdsAt(now);
                    boolean committed = held.stored == ReservationStatus.COMMITTED;
                    expect(() -> inventory.commit(held.reservation.id()), live || committed ? null : ErrorCode.CONFLICT);
                    if (live) {
                        held.stored = ReservationStatus.COMMITTED;
                        Stock of = model.stock.get(held.reservation.sku());
                        of.onHand -= held.reservation.quantity();
                        of.sold += held.reservation.quantity();
                    }
                    return "commit " + held.reservation;
                }
                case 6: {
                    long quantity = 1 + random.nextInt(5);
                    boolean fits = stock.sold >= quantity;
                    expect(() -> inventory.returnSold(sku, quantity), fits ? null : ErrorCode.INSUFFICIENT_STOCK);
                    if (fits) {
                        stock.sold -= quantity;
                        stock.onHand += quantity;
                    }
                    return "returnSold " + sku + " " + quantity;
                }
                default: {
                    Duration step = Duration.ofMillis(random.nextInt(30_000));
                    clock.advance(step);
                    return "advance " + step;
                }
            }
        }

        private void expect(Runnable operation, ErrorCode expected) {
            ErrorCode actual = null;
            try {
                operation.run();
            } catch (CommerceException e) {
                actual = e.code();
            }
            assertThat(actual).as("seed %d: outcome", seed).isEqualTo(expected);
        }
    }
}
