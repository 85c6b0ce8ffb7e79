package dev.cartwright.examples.tour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.catalog.Sku;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TourTest {

    @Test
    void tellsEveryStepAndItsFiguresAddUp() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tour.Figures figures = new Tour(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(output).containsSubsequence("Stock arrives", "A guest fills a cart",
                "The guest logs in and the carts merge", "A promotion applies", "Checkout and payment",
                "A declined card and a retry", "Fulfilment", "A partial refund", "Final stock and sales");
        assertThat(output).contains("WELCOME10", "DECLINED", "CONFIRMED", "FULFILLED", "PARTIALLY_REFUNDED",
                "net sales " + figures.net());

        Map<Sku, Long> ordered = new HashMap<>();
        Money captured = Money.zero(figures.net().currency());
        for (Order order : figures.orders()) {
            assertThat(order.status()).isIn(OrderStatus.CONFIRMED, OrderStatus.COMPLETED);
            captured = captured.plus(order.totals().grandTotal());
            for (OrderLine line : order.lines()) {
                ordered.merge(line.sku(), line.quantity(), Long::sum);
            }
        }
        assertThat(figures.captured()).isEqualTo(captured);
        assertThat(figures.net()).isEqualTo(figures.captured().minus(figures.refunded()));
        assertThat(figures.refunded().isPositive()).isTrue();
        assertThat(figures.refunded()).isLessThan(figures.captured());

        figures.received().forEach((sku, received) -> {
            StockLevel level = figures.stock().get(sku);
            long returned = figures.returned().getOrDefault(sku, 0L);
            // A refund that restocks returns the sale: sold goes down, and nothing counts as received twice.
            assertThat(level.sold()).as("sold %s", sku).isEqualTo(ordered.getOrDefault(sku, 0L) - returned);
            assertThat(level.onHand() + level.sold()).as("stock of %s adds up", sku).isEqualTo(received);
            assertThat(output).containsPattern(sku.value() + "\\s+received\\s+" + received + "\\s+sold\\s+" + level.sold()
                    + "\\s+on hand\\s+" + level.onHand());
        });
    }
}
