package dev.cartwright.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.money.Money;
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

    @Test
    void resetEmptiesEveryTableAndTheStoreStaysUsable() {
        MemoryStore store = MemoryStore.create();
        Commerce shop = Commerce.builder().store(store).passwordIterations(1_000).build();
        Product mug = shop.catalog().create(NewProduct.of("MUG-1", "Mug", Money.of("12.50", "EUR")));
        shop.inventory().receive(mug.sku(), 3);
        shop.accounts().register("ann@example.com", "correct horse battery", "Ann");

        store.reset();

        assertThat(shop.catalog().findBySku(mug.sku())).isEmpty();
        shop.catalog().create(NewProduct.of("MUG-1", "Mug again", Money.of("12.50", "EUR")));
        shop.accounts().register("ann@example.com", "correct horse battery", "Ann again");
    }
}
