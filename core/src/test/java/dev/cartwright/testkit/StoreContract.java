package dev.cartwright.testkit;

import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every contract test: a fresh store from the adapter under test, and a
 * {@link Commerce} wired over it with a hand-moved clock.
 *
 * <p>An adapter runs a contract by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MemoryCatalogTest extends CatalogContract {
 *     protected CommerceStore createStore() { return MemoryStore.create(); }
 * }
 * }</pre>
 */
public abstract class StoreContract {

    /** The instant every contract test starts at. */
    protected static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    /** A password hashing cost far below production's, so that contracts that log in run fast. */
    protected static final int TEST_PASSWORD_ITERATIONS = 1_000;

    protected MutableClock clock;
    protected CommerceStore store;
    protected Commerce commerce;

    /** @return a new, empty store of the adapter under test */
    protected abstract CommerceStore createStore();

    @BeforeEach
    void setUpStore() {
        clock = new MutableClock(START);
        store = createStore();
        commerce = configure(Commerce.builder().store(store).clock(clock)
                .passwordIterations(TEST_PASSWORD_ITERATIONS)).build();
    }

    /**
     * Settings every contract shares; a contract may override to add its own.
     *
     * @param builder the builder, with store, clock and a fast password hasher set
     * @return the builder
     */
    protected Commerce.Builder configure(Commerce.Builder builder) {
        return builder;
    }
}
