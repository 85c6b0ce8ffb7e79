package dev.cartwright.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryStoreTest {

    @Test
    void transactionsDoNotNest() {
        MemoryStore store = MemoryStore.create();
        assertThatThrownBy(() -> store.inTransaction(outer -> store.inTransaction(inner -> 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not nest");
        int answer = store.inTransaction(tx -> 42);
        assertThat(answer).isEqualTo(42);
    }
}
