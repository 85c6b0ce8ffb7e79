package dev.cartwright.examples.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import dev.cartwright.StoreTransaction;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.ProductRepository;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.money.Money;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * order-service's store: its own tables, product-service's catalog. A read of the catalog is a remote call, so no
 * transaction of the local database may wait on one; here the catalog is another in-memory store that records every
 * call made while a local write transaction is open.
 */
class RemoteCatalogStoreTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    private final MemoryStore productService = MemoryStore.create();
    private final List<String> callsInsideTransactions = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);
    private final Commerce orderService = Commerce.builder()
            .store(new RemoteCatalogStore(new Watched(MemoryStore.create()), remoteProducts())).build();

    @Test
    void aCartChangeReadsTheCatalogBeforeItsTransaction() {
        Commerce.builder().store(productService).build().catalog().create(new NewProduct(new Sku("MUG-1"), "Mug",
                "", Money.of("12.00", "EUR"), "standard", Set.of(), Map.of()));
        GuestCart guest = orderService.carts().create(EUR);

        Cart cart = orderService.carts().add(guest.access(), guest.cart().id(), new Sku("MUG-1"), 2);

        assertThat(cart.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
        assertThatThrownBy(() -> orderService.carts().add(guest.access(), guest.cart().id(), new Sku("NONE-1"), 1))
                .isInstanceOfSatisfying(CommerceException.class,
                        unknown -> assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(callsInsideTransactions).as("catalog calls made while a local transaction was open").isEmpty();
    }

    /** product-service's catalog as order-service sees it: each call reads the other store, as a request would. */
    private ProductRepository remoteProducts() {
        return (ProductRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ProductRepository.class}, (proxy, method, args) -> {
                    if (writing.get()) {
                        callsInsideTransactions.add(method.getName());
                    }
                    return productService.read(tx -> {
                        try {
                            return method.invoke(tx.products(), args);
                        } catch (IllegalAccessException | InvocationTargetException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                });
    }

    /** The local store, marking the thread while one of its write transactions is open. */
    private final class Watched implements CommerceStore {

        private final CommerceStore store;

        Watched(CommerceStore store) {
            this.store = store;
        }

        @Override
        public <T> T inTransaction(Function<StoreTransaction, T> work) {
            writing.set(true);
            try {
                return store.inTransaction(work);
            } finally {
                writing.set(false);
            }
        }

        @Override
        public <T> T read(Function<StoreTransaction, T> work) {
            return store.read(work);
        }
    }
}
