package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Sku;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The round trips of one checkout of three lines, each prepared statement (a statement, a batch, or a pipeline of
 * several) and each commit counted as one: the figure the checkout's design is held to (at most nine on
 * PostgreSQL), pinned exactly so that a change that adds one is seen.
 */
abstract class CheckoutRoundTripsScenario {

    private static final List<String> SKUS = List.of("A-1", "B-2", "C-3");

    private final RecordingDataSource recording = new RecordingDataSource();

    /** @return the data source of a fresh, migrated and empty store's schema */
    protected abstract DataSource dataSource();

    /** @return how many round trips this database takes for the checkout */
    protected abstract int expectedRoundTrips();

    /** @return whether the transaction recording the gateway's answer commits without waiting for its WAL */
    protected boolean defersTheRecordingCommit() {
        return false;
    }

    @Test
    void aCheckoutOfThreeLinesTakesItsRoundTripsAndNoMore() {
        Commerce commerce = Commerce.builder().store(JdbcStore.builder(recording.wrap(dataSource())).migrate(false).build())
                .paymentGateway(new SimulatedPaymentGateway()).build();
        for (String sku : SKUS) {
            commerce.catalog().create(NewProduct.of(sku, "Product " + sku, Money.of("10.00", "EUR")));
            commerce.inventory().receive(Sku.of(sku), 100);
        }
        checkout(commerce, "warm-up");
        recording.clear();

        Order order = checkout(commerce, "counted");

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        List<String> trips = recording.entries();
        assertThat(trips).as(String.join("\n", trips)).hasSize(expectedRoundTrips());
        assertThat(trips).filteredOn(RecordingDataSource.COMMIT::equals).hasSize(2);
        int deferred = trips.indexOf(trips.stream().filter(sql -> sql.contains("synchronous_commit TO OFF"))
                .findFirst().orElse("none"));
        if (defersTheRecordingCommit()) {
            assertThat(deferred).as("the recording transaction, after the first commit")
                    .isGreaterThan(trips.indexOf(RecordingDataSource.COMMIT));
        } else {
            assertThat(deferred).as("no transaction defers its commit here").isEqualTo(-1);
        }
    }

    private static Order checkout(Commerce commerce, String key) {
        Map<Sku, Long> lines = new LinkedHashMap<>();
        SKUS.forEach(sku -> lines.put(Sku.of(sku), 1L));
        return commerce.checkout().placeOrder(new DirectOrderRequest(lines, List.of(), Optional.empty(),
                Optional.of("guest@example.com"), Address.of("Ada Lovelace", "1 Main Street", "Berlin", "10115", "DE"),
                Optional.empty(), PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242"), key));
    }
}
