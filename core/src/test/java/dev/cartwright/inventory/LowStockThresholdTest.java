package dev.cartwright.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LowStockThresholdTest {

    private static final Sku SKU = Sku.of("MUG-1");
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    @Test
    void publishesOnlyWhenAChangeCrossesFromAboveToAtOrBelow() {
        LowStockThreshold five = LowStockThreshold.DEFAULT;
        assertThat(five.crossing(SKU, 6, 5, NOW)).contains(new StockLow(SKU, 5, 5, NOW));
        assertThat(five.crossing(SKU, 100, 0, NOW)).contains(new StockLow(SKU, 0, 5, NOW));
        assertThat(five.crossing(SKU, 5, 4, NOW)).isEmpty();
        assertThat(five.crossing(SKU, 7, 6, NOW)).isEmpty();
        assertThat(five.crossing(SKU, 4, 6, NOW)).isEmpty();
    }

    @Test
    void aSequenceOfChangesPublishesOncePerFallBelowTheThreshold() {
        qt().forAll(longs().between(0, 50), longs().between(-20, 20), longs().between(0, 60))
                .checkAssert((threshold, step, start) -> {
                    LowStockThreshold low = new LowStockThreshold(threshold);
                    long before = start;
                    long after = Math.max(0, start + step);
                    boolean published = low.crossing(SKU, before, after, NOW).isPresent();
                    assertThat(published).isEqualTo(before > threshold && after <= threshold);
                });
    }

    @Test
    void refusesANegativeThreshold() {
        assertThatThrownBy(() -> new LowStockThreshold(-1)).isInstanceOfSatisfying(CommerceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
        assertThat(new LowStockThreshold(0).crossing(SKU, 1, 0, NOW)).contains(new StockLow(SKU, 0, 0, NOW));
    }
}
