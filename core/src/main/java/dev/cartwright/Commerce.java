package dev.cartwright;

import dev.cartwright.error.Validate;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.payment.Payments;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.util.function.Function;

/**
 * A shop's services, wired over one {@link CommerceStore}. Build one per process with
 * {@link #builder()} and share it: every service is thread-safe.
 */
public final class Commerce {

    private final Payments payments;
    private final PaymentGateway paymentGateway;

    private Commerce(Builder builder) {
        CommerceStore store = builder.store;
        this.payments = new Payments(view(store, transaction -> transaction), builder.paymentGateway, builder.clock);
        this.paymentGateway = builder.paymentGateway;
    }

    /**
     * The store's transactions seen as the repositories {@code R} that one service needs. An
     * anonymous class, because a lambda cannot implement the generic {@link UnitOfWork#inTransaction}.
     */
    private static <R> UnitOfWork<R> view(CommerceStore store, Function<StoreTransaction, R> repositories) {
        return new UnitOfWork<>() {
            @Override
            public <T> T inTransaction(Function<R, T> work) {
                return store.inTransaction(transaction -> work.apply(repositories.apply(transaction)));
            }
        };
    }

    /** @return the payments: gateway notifications, recovery and look-ups */
    public Payments payments() {
        return payments;
    }

    /**
     * @return the payment gateway set with {@link Builder#paymentGateway(PaymentGateway)}
     * @throws IllegalStateException if none was set: a shop that takes payments must choose one
     */
    public PaymentGateway paymentGateway() {
        if (paymentGateway == null) {
            throw new IllegalStateException(
                    "no payment gateway configured: call Commerce.builder().paymentGateway(...)");
        }
        return paymentGateway;
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
        private PaymentGateway paymentGateway;

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
         * Sets the gateway that payment operations call. There is no default, so that a shop never
         * takes simulated payments by accident; without one, everything but payment operations works,
         * and those fail with {@link IllegalStateException}. Use {@code new SimulatedPaymentGateway()}
         * in tests and demos.
         *
         * @param paymentGateway the host's adapter to its payment provider
         * @return this builder
         */
        public Builder paymentGateway(PaymentGateway paymentGateway) {
            this.paymentGateway = Validate.notNull(paymentGateway, "paymentGateway");
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
