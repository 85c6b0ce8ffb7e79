package dev.cartwright;

import dev.cartwright.cart.CartLimits;
import dev.cartwright.cart.Carts;
import dev.cartwright.error.Validate;
import dev.cartwright.pricing.PriceCalculator;
import dev.cartwright.pricing.Promotions;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.util.function.Function;

/**
 * A shop's services, wired over one {@link CommerceStore}. Build one per process with
 * {@link #builder()} and share it: every service is thread-safe.
 */
public final class Commerce {

    private final Promotions promotions;
    private final PriceCalculator priceCalculator = new PriceCalculator();
    private final Carts carts;

    private Commerce(Builder builder) {
        CommerceStore store = builder.store;
        this.promotions = new Promotions(view(store, transaction -> transaction), builder.clock, builder.ids);
        this.carts = new Carts(view(store, transaction -> transaction), builder.clock, builder.ids,
                builder.cartLimits, priceCalculator, builder.taxPolicy, builder.shippingOptions);
    }

    /** Narrows the store's transactions to the repositories one service needs. */
    private static <R> UnitOfWork<R> view(CommerceStore store, Function<StoreTransaction, R> repositories) {
        return new UnitOfWork<R>() {
            @Override
            public <T> T inTransaction(Function<R, T> work) {
                return store.inTransaction(transaction -> work.apply(repositories.apply(transaction)));
            }
        };
    }

    /** @return the promotions: create, find and redeem them */
    public Promotions promotions() {
        return promotions;
    }

    /** @return the carts: fill, price and merge them */
    public Carts carts() {
        return carts;
    }

    /** @return the stateless calculator that prices carts and orders */
    public PriceCalculator priceCalculator() {
        return priceCalculator;
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
        private TaxPolicy taxPolicy = TaxPolicy.none();
        private ShippingOptions shippingOptions = ShippingOptions.none();
        private CartLimits cartLimits = CartLimits.DEFAULT;

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

        /**
         * @param taxPolicy the tax rates and whether prices include tax; no tax by default
         * @return this builder
         */
        public Builder taxPolicy(TaxPolicy taxPolicy) {
            this.taxPolicy = Validate.notNull(taxPolicy, "taxPolicy");
            return this;
        }

        /**
         * @param shippingOptions the ways orders can be shipped; none by default
         * @return this builder
         */
        public Builder shippingOptions(ShippingOptions shippingOptions) {
            this.shippingOptions = Validate.notNull(shippingOptions, "shippingOptions");
            return this;
        }

        /**
         * @param cartLimits how large a cart may grow; {@link CartLimits#DEFAULT} by default
         * @return this builder
         */
        public Builder cartLimits(CartLimits cartLimits) {
            this.cartLimits = Validate.notNull(cartLimits, "cartLimits");
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
