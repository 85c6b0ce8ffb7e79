package dev.cartwright.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductCursorTest {

    @Test
    void everyIdRoundTripsThroughAUrlSafeCursor() {
        qt().forAll(longs().all(), longs().all()).check((high, low) -> {
            ProductId id = new ProductId(new UUID(high, low));
            String cursor = ProductCursor.encode(id);
            return cursor.matches("[A-Za-z0-9_-]{22}") && ProductCursor.decode(cursor).equals(id);
        });
    }

    @Test
    void idsCompareAsUnsignedNumbers() {
        qt().forAll(longs().all(), longs().all(), longs().all(), longs().all()).check((h1, l1, h2, l2) -> {
            ProductId first = new ProductId(new UUID(h1, l1));
            ProductId second = new ProductId(new UUID(h2, l2));
            int expected = new java.math.BigInteger(1, bytes(h1, l1)).compareTo(new java.math.BigInteger(1, bytes(h2, l2)));
            return Integer.signum(first.compareTo(second)) == expected;
        });
        assertThat(new ProductId(new UUID(-1, 0)).compareTo(new ProductId(new UUID(1, 0)))).isPositive();
    }

    private static byte[] bytes(long high, long low) {
        return java.nio.ByteBuffer.allocate(16).putLong(high).putLong(low).array();
    }
}
