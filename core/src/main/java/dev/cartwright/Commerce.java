package dev.cartwright;

import dev.cartwright.catalog.Catalog;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.Inventory;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.util.function.Function;

/**
 * A shop's services, wired over one {@link CommerceStore}. Build one per process with
 * {@link #builder()} and share it: every service is thread-safe.
 */
public final class Commerce {

    private final Catalog catalog;
    private final Inventory inventory;

    private Commerce(Builder builder) {
        CommerceStore store = builder.store;
        this.catalog = new Catalog(view(store, transaction -> transaction), builder.clock, builder.ids);
        this.inventory = new Inventory(view(store, transaction -> transaction), builder.clock, builder.ids);
    }

    /** @return the product catalog */
    public Catalog catalog() {
        return catalog;
    }

    /** @return stock levels and reservations */
    public Inventory inventory() {
        return inventory;
    }

    // A lambda cannot implement UnitOfWork (its method is generic), hence this adapter. Every
    // StoreTransaction is every service's view, so the view function is the identity.
    private static <R> UnitOfWork<R> view(CommerceStore store, Function<StoreTransaction, R> view) {
        return new UnitOfWork<>() {
            @Override
            public <T> T inTransaction(Function<R, T> work) {
                Validate.notNull(work, "work");
                return store.inTransaction(transaction -> work.apply(view.apply(transaction)));
            }
        };
    }

    /** @return a builder; only {@link Builder#store(CommerceStore)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the settings of a {@link Commerce}. Not thread-safe. */
    public static final class Builder {

        private CommerceStore store;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;

        private Builder() {
        }

        /**
         * @param store the storage adapter, such as {@code MemoryStore.create()}
         * @return this builder
         */
        public Builder store(CommerceStore store) {
            this.store = Validate.notNull(store, "store");
            return this;
        }

        /**
         * @param clock the time source for expiries, validity windows and timestamps; UTC system clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Validate.notNull(clock, "clock");
            return this;
        }

        /**
         * @param ids how new things are named; time-ordered UUIDs by default
         * @return this builder
         */
        public Builder ids(IdGenerator ids) {
            this.ids = Validate.notNull(ids, "ids");
            return this;
        }

        /** @return the wired services */
        public Commerce build() {
            Validate.notNull(store, "store");
            if (ids == null) {
                ids = IdGenerator.timeOrdered(clock);
            }
            return new Commerce(this);
        }
    }
}
