package dev.cartwright;

import dev.cartwright.cart.CartLimits;
import dev.cartwright.cart.Carts;
import dev.cartwright.catalog.Catalog;
import dev.cartwright.customer.AccountSettings;
import dev.cartwright.customer.Accounts;
import dev.cartwright.customer.PasswordHasher;
import dev.cartwright.error.Validate;
import dev.cartwright.event.EventDelivery;
import dev.cartwright.event.EventListener;
import dev.cartwright.event.ParkedEvents;
import dev.cartwright.event.RetrySchedule;
import dev.cartwright.inventory.Inventory;
import dev.cartwright.inventory.LowStockThreshold;
import dev.cartwright.inventory.StockHolds;
import dev.cartwright.inventory.StockService;
import dev.cartwright.order.BackOffice;
import dev.cartwright.order.Checkout;
import dev.cartwright.order.CheckoutSettings;
import dev.cartwright.order.OrderServices;
import dev.cartwright.order.Orders;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.payment.Payments;
import dev.cartwright.pricing.PriceCalculator;
import dev.cartwright.pricing.Promotions;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.Durability;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shop's services, wired over one {@link CommerceStore}. Build one per process with
 * {@link #builder()} and share it: every service is thread-safe.
 */
public final class Commerce {

    private static final Logger LOG = LoggerFactory.getLogger(Commerce.class);

    private final Catalog catalog;
    private final Inventory inventory;
    private final Accounts accounts;
    private final Promotions promotions;
    private final PriceCalculator priceCalculator = new PriceCalculator();
    private final Carts carts;
    private final Payments payments;
    private final PaymentGateway paymentGateway;
    private final OrderServices orderServices;
    private final StockHolds stockHolds;
    private final EventDelivery eventDelivery;
    private final ParkedEvents parkedEvents;

    private Commerce(Builder builder) {
        CommerceStore store = builder.store;
        this.catalog = new Catalog(view(store, transaction -> transaction), builder.clock, builder.ids);
        this.accounts = new Accounts(view(store, transaction -> transaction), builder.clock, builder.ids,
                builder.accountSettings);
        this.promotions = new Promotions(view(store, transaction -> transaction), builder.clock, builder.ids);
        this.carts = new Carts(view(store, transaction -> transaction), builder.clock, builder.ids,
                builder.cartLimits, priceCalculator, builder.taxPolicy, builder.shippingOptions);
        this.eventDelivery = new EventDelivery(view(store, transaction -> transaction), builder.eventListeners,
                builder.clock, builder.eventRetries);
        this.parkedEvents = new ParkedEvents(view(store, transaction -> transaction), builder.clock,
                eventDelivery::deliver);
        this.payments = new Payments(view(store, transaction -> transaction), builder.paymentGateway, builder.clock,
                eventDelivery::deliver);
        this.paymentGateway = builder.paymentGateway;
        this.inventory = new Inventory(view(store, transaction -> transaction), builder.clock, builder.ids,
                builder.lowStockThreshold, eventDelivery::deliver);
        this.stockHolds = new StockHolds(view(store, transaction -> transaction), builder.clock,
                builder.lowStockThreshold, eventDelivery::deliver);
        this.orderServices = OrderServices.create(view(store, transaction -> transaction), builder.paymentGateway,
                builder.clock, builder.ids, priceCalculator, builder.taxPolicy, builder.shippingOptions,
                builder.checkoutSettings.withLowStockThreshold(builder.lowStockThreshold), eventDelivery::deliver,
                builder.stockService);
    }

    /**
     * Narrows the store's transactions to the repositories one service may see. (A lambda cannot
     * implement {@link UnitOfWork}'s generic method, hence the anonymous class.)
     */
    private static <R> UnitOfWork<R> view(CommerceStore store, Function<StoreTransaction, R> narrow) {
        return new UnitOfWork<>() {
            @Override
            public <T> T inTransaction(Function<R, T> work) {
                return store.inTransaction(transaction -> work.apply(narrow.apply(transaction)));
            }

            @Override
            public <T> T inTransaction(Durability durability, Function<R, T> work) {
                return store.inTransaction(durability, transaction -> work.apply(narrow.apply(transaction)));
            }

            @Override
            public <T> T read(Function<R, T> work) {
                return store.read(transaction -> work.apply(narrow.apply(transaction)));
            }
        };
    }

    /**
     * This store's stock, served to the checkouts of other services: a product service serves it over the wire
     * to order services configured with {@link Builder#stockService}.
     *
     * @return the store's stock as a {@link StockService}
     */
    public StockService stockService() {
        return stockHolds;
    }

    /** @return the product catalog */
    public Catalog catalog() {
        return catalog;
    }

    /** @return stock levels and reservations */
    public Inventory inventory() {
        return inventory;
    }

    /** @return customer accounts: registration, login, sessions */
    public Accounts accounts() {
        return accounts;
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

    /** @return checkout: placing and paying orders, and the sweeps that expire and recover them */
    public Checkout checkout() {
        return orderServices.checkout();
    }

    /** @return customers' view of their own orders */
    public Orders orders() {
        return orderServices.orders();
    }

    /** @return staff operations on orders: capture, fulfil, deliver, refund, cancel */
    public BackOffice backOffice() {
        return orderServices.backOffice();
    }

    /**
     * Delivers the events waiting in the outbox to the listeners registered with
     * {@link Builder#eventListener(EventListener)}. Every service call that publishes events already tries
     * this after it commits; call it periodically too, so that events whose delivery failed are delivered
     * again (at least once) once their wait ({@link Builder#eventRetrySchedule(RetrySchedule)}) has passed.
     * What a listener throws is never thrown from here.
     *
     * @return how many events every listener took
     * @throws dev.cartwright.error.CommerceException {@code STORAGE} if the store fails
     */
    public int deliverEvents() {
        return eventDelivery.deliver();
    }

    /**
     * Runs every sweep once, now, on the caller's thread, in this order: {@link Checkout#recover()} (checkouts a
     * crash or a time-out left between the gateway's answer and its record), {@link Checkout#expireUnpaid()} (orders
     * whose payment window ended: cancelled, their stock released), {@link #deliverEvents()} (events whose delivery
     * failed) and {@link Accounts#purgeExpiredSessions()}. The two order sweeps run only when a payment gateway is
     * configured. A sweep that throws is logged and reported, and the others still run.
     * <p>
     * A shop must run the sweeps periodically (every 30 seconds to a few minutes; each handles a bounded batch per
     * call): without them an order caught by a crash between its two steps stays
     * {@link dev.cartwright.order.OrderStatus#PENDING_PAYMENT} with its stock held. Call this from the host's own
     * scheduler (a scheduled serverless invocation, a cron job), or let {@link #startSweeping(Duration)} call it.
     * Safe to run in several processes over one store at once.
     *
     * @return what each sweep did, and which failed
     */
    public SweepReport runSweeps() {
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        boolean takesPayments = paymentGateway != null;
        int recovered = takesPayments ? sweep("recover", checkout()::recover, failures) : 0;
        int expired = takesPayments ? sweep("expireUnpaid", checkout()::expireUnpaid, failures) : 0;
        int delivered = sweep("deliverEvents", this::deliverEvents, failures);
        int purged = sweep("purgeExpiredSessions", accounts::purgeExpiredSessions, failures);
        return new SweepReport(recovered, expired, delivered, purged, failures);
    }

    private static int sweep(String name, IntSupplier sweep, Map<String, RuntimeException> failures) {
        try {
            return sweep.getAsInt();
        } catch (RuntimeException e) {
            LOG.warn("sweep {} failed; the next round tries it again", name, e);
            failures.put(name, e);
            return 0;
        }
    }

    /**
     * Runs {@link #runSweeps()} in the background: at once, then {@code every} after each round ends, on one daemon
     * thread, never two rounds at a time; a failing sweep is logged and tried again next round. For long-running
     * hosts; a serverless function, which has no thread between invocations, calls {@link #runSweeps()} from a
     * scheduled invocation instead. Close the returned sweeper before closing the store.
     *
     * @param every the delay between the end of one round and the start of the next, such as 30 seconds
     * @return the running sweeper
     * @throws IllegalArgumentException if {@code every} is not positive
     */
    public Sweeper startSweeping(Duration every) {
        return new Sweeper(this::runSweeps, every);
    }

    /**
     * @return the events whose delivery failed {@link RetrySchedule#maxAttempts()} times and is no longer
     *     retried automatically: for staff to count, list, retry or drop
     */
    public ParkedEvents parkedEvents() {
        return parkedEvents;
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
        private AccountSettings accountSettings = AccountSettings.defaults();
        private PaymentGateway paymentGateway;
        private CheckoutSettings checkoutSettings = CheckoutSettings.defaults();
        private StockService stockService;
        private final List<EventListener> eventListeners = new ArrayList<>();
        private LowStockThreshold lowStockThreshold = LowStockThreshold.DEFAULT;
        private RetrySchedule eventRetries = RetrySchedule.DEFAULT;

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
         * @param hasher how customer passwords are hashed; PBKDF2-HMAC-SHA256 at 600,000 iterations by default
         * @return this builder
         */
        public Builder passwordHasher(PasswordHasher hasher) {
            accountSettings = accountSettings.withPasswordHasher(Validate.notNull(hasher, "passwordHasher"));
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
         * Hashes customer passwords with PBKDF2-HMAC-SHA256 at the given cost. Stored hashes of a lower
         * cost are upgraded at the customer's next login.
         *
         * @param iterations the iteration count; 600,000 by default, lower only in tests
         * @return this builder
         * @throws dev.cartwright.error.CommerceException {@code VALIDATION} if out of range
         */
        public Builder passwordIterations(int iterations) {
            return passwordHasher(PasswordHasher.pbkdf2(iterations));
        }

        /**
         * @param idleTimeout how long a customer's session may go unused before it ends; 30 minutes by default
         * @return this builder
         */
        public Builder sessionIdleTimeout(Duration idleTimeout) {
            accountSettings = accountSettings.withSessionIdleTimeout(idleTimeout);
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

        /**
         * @param lifetime how long a customer's session lasts at most, however active; 30 days by default
         * @return this builder
         */
        public Builder sessionLifetime(Duration lifetime) {
            accountSettings = accountSettings.withSessionLifetime(lifetime);
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

        /**
         * @param timeout how long a placed order waits for an approved payment before
         *     {@link Checkout#expireUnpaid()} cancels it and releases its stock; 30 minutes by default
         * @return this builder
         * @throws dev.cartwright.error.CommerceException {@code VALIDATION} if not between 1 minute and 14 days
         */
        public Builder orderPaymentTimeout(Duration timeout) {
            checkoutSettings = checkoutSettings.withOrderPaymentTimeout(timeout);
            return this;
        }

        /**
         * @param capture whether checkout captures the payment with its authorization; {@code false} by
         *     default, so staff capture with {@link BackOffice#capture} when they ship
         * @return this builder
         */
        public Builder captureOnCheckout(boolean capture) {
            checkoutSettings = checkoutSettings.withCaptureOnCheckout(capture);
            return this;
        }

        /**
         * Registers a listener for the events that the services publish ({@link dev.cartwright.order.OrderEvent},
         * {@link dev.cartwright.payment.PaymentEvent}, {@link dev.cartwright.inventory.InventoryEvent}), delivered
         * after commit, at least once.
         *
         * @param listener the listener; called in the order registered
         * @return this builder
         */
        public Builder eventListener(EventListener listener) {
            eventListeners.add(Validate.notNull(listener, "eventListener"));
            return this;
        }

        /**
         * Sets when an event that a listener threw on is delivered again, and after how many failed attempts it
         * is parked for staff ({@link Commerce#parkedEvents()}) instead. While it waits, later events are delivered.
         *
         * @param schedule the schedule; {@link RetrySchedule#DEFAULT} (1 s doubling to 10 minutes, parked on the
         *     15th failure) by default
         * @return this builder
         */
        public Builder eventRetrySchedule(RetrySchedule schedule) {
            this.eventRetries = Validate.notNull(schedule, "eventRetrySchedule");
            return this;
        }

        /**
         * Sets when {@link dev.cartwright.inventory.StockLow} is published: when a reservation (checkout's or
         * {@link Inventory#reserve}'s) or a downward {@link Inventory#adjust} takes a SKU's available units from
         * above {@code units} to at or below it.
         *
         * @param units the threshold, 0 to {@value Inventory#MAX_QUANTITY}; 5 by default; 0 announces only
         *     running out
         * @return this builder
         * @throws dev.cartwright.error.CommerceException {@code VALIDATION} if out of range
         */
        public Builder lowStockThreshold(long units) {
            this.lowStockThreshold = new LowStockThreshold(units);
            return this;
        }

        /**
         * Has checkout take stock from another service instead of this store: each order's units are held there
         * under the order's id before it is placed, sold before its payment confirms it, and given back before it
         * is cancelled (see ARCHITECTURE.md, "Stock kept elsewhere"); a refund's restock is returned there, after the
         * gateway refunded and before the refund is recorded. By default the stock is this store's, sold in the
         * transaction that places the order.
         *
         * @param service the client of the service that keeps the stock
         * @return this builder
         */
        public Builder stockService(StockService service) {
            this.stockService = Validate.notNull(service, "stockService");
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
