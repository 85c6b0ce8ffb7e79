package dev.cartwright.order;

import dev.cartwright.cart.Cart;
import dev.cartwright.catalog.ProductOffer;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.pricing.AppliedPromotion;
import dev.cartwright.pricing.LineTotal;
import dev.cartwright.pricing.PriceCalculator;
import dev.cartwright.pricing.PriceRequest;
import dev.cartwright.pricing.PricedLine;
import dev.cartwright.pricing.Promotion;
import dev.cartwright.pricing.PromotionRepository;
import dev.cartwright.pricing.ShippingOption;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.pricing.Totals;
import dev.cartwright.store.IdGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Placing an order: read and price with no transaction open, then transaction 1 writes the order with its payment
 * and sells its stock to it; then {@link PaymentSettlement#settle} asks the gateway and records its answer (see
 * {@link Checkout} and ARCHITECTURE.md, "Checkout: allocate, then confirm"). Thread-safe.
 */
final class OrderPlacement {

    /** One line to order, before pricing. */
    record Item(Sku sku, ProductId productId, String name, Money unitPrice, String taxClass, long quantity) {

        /** @return the line's subtotal before discounts, as {@link PriceCalculator} judges promotions on it */
        Money subtotal() {
            return unitPrice.times(quantity);
        }
    }

    /**
     * What an order is placed from, read before the transaction that places it; {@code products} holds the offers
     * already read for it (by SKU), so that pricing does not read them again.
     */
    record Draft(Optional<CustomerId> customerId, Optional<String> email, Optional<String> guestSecretHash,
            Currency currency, List<Item> items,
            List<String> promotionCodes, Optional<Cart> cart, Map<Sku, ProductOffer> products) {
    }

    /** An order as the transaction that wrote it left it, with its payment if it was created there too. */
    record Placed(Order order, Optional<Payment> payment) {
    }

    /** A draft priced at the catalog's current prices, with the promotions that applied. */
    private record Quote(Draft draft, List<Item> items, Totals totals) {

        /** @return the units ordered by SKU, in SKU order */
        Map<Sku, Long> units() {
            Map<Sku, Long> units = new TreeMap<>();
            items.forEach(item -> units.merge(item.sku(), item.quantity(), Math::addExact));
            return units;
        }
    }

    private final IdGenerator ids;
    private final PriceCalculator calculator;
    private final TaxPolicy taxPolicy;
    private final ShippingOptions shippingOptions;
    private final CheckoutSettings settings;
    private final OrderSupport support;
    private final PaymentSettlement settlement;
    private final OrderStock stock;

    OrderPlacement(OrderSupport support, PaymentSettlement settlement, PriceCalculator calculator,
            TaxPolicy taxPolicy, ShippingOptions shippingOptions) {
        this.support = Validate.notNull(support, "support");
        this.settlement = Validate.notNull(settlement, "settlement");
        this.ids = support.ids();
        this.calculator = Validate.notNull(calculator, "calculator");
        this.taxPolicy = Validate.notNull(taxPolicy, "taxPolicy");
        this.shippingOptions = Validate.notNull(shippingOptions, "shippingOptions");
        this.settings = support.settings();
        this.stock = support.stock();
    }

    /**
     * Reads and prices the draft with no transaction open; transaction 1 then only writes, and reads and prices
     * again only if the store retries it. A key already taken fails transaction 1, and the order holding it is the
     * answer: no look-up comes first.
     */
    Order place(String idempotencyKey, String fingerprint, Address address, Optional<String> shippingOptionId,
            PaymentMethod method, boolean acceptPriceChanges, Function<CheckoutRepositories, Draft> draft) {
        Optional<ShippingOption> option = shippingOptionId.map(id -> shippingOptions.require(id, address.destination()));
        support.requireGateway();
        Placed placed;
        try {
            Quote quote = support.read(repositories -> quote(repositories, draft.apply(repositories), address, option,
                    acceptPriceChanges));
            placed = placeHeld(quote, idempotencyKey, fingerprint, address, option, method, acceptPriceChanges,
                    draft);
        } catch (CommerceException e) {
            // A retry racing its original fails on whatever the original took first (the stock, the last use of a
            // promotion, the cart, the key itself): if the key is now taken, the original's order is the answer.
            placed = support.read(repositories -> repositories.orders()
                    .findByIdempotencyKey(idempotencyKey).map(found -> sameRequest(found, fingerprint))
                    .map(found -> new Placed(found, Optional.empty())))
                    .orElseThrow(() -> e);
        }
        return settlement.settle(placed);
    }

    /**
     * Holds the quote's units where the stock is kept, then runs transaction 1; if either fails and leaves no
     * order, what may have been held is given back.
     */
    private Placed placeHeld(Quote quote, String idempotencyKey, String fingerprint, Address address,
            Optional<ShippingOption> option, PaymentMethod method, boolean acceptPriceChanges,
            Function<CheckoutRepositories, Draft> draft) {
        OrderId orderId = new OrderId(ids.next());
        Map<Sku, Long> units = quote.units();
        AtomicBoolean firstAttempt = new AtomicBoolean(true);
        try {
            stock.hold(orderId, units, quote.totals().grandTotal().isZero(),
                    support.now().plus(settings.orderPaymentTimeout()));
            return support.inTransaction(repositories -> create(repositories, orderId, units,
                    firstAttempt.getAndSet(false) ? quote
                            : quote(repositories, draft.apply(repositories), address, option, acceptPriceChanges),
                    idempotencyKey, fingerprint, address, option, method));
        } catch (RuntimeException e) {
            stock.abandonUnlessPlaced(orderId, units.keySet(),
                    () -> support.read(repositories -> repositories.orders().findById(orderId)).isPresent());
            throw e;
        }
    }

    private static Order sameRequest(Order order, String fingerprint) {
        if (!order.requestFingerprint().equals(fingerprint)) {
            throw new CommerceException(ErrorCode.CONFLICT, "idempotencyKey",
                    "idempotency key " + order.idempotencyKey() + " was used for a different request", null);
        }
        return order;
    }

    /**
     * Re-prices the draft's lines at the catalog's prices and applies the promotions and tax that hold now. The codes
     * typed on a direct order are each applied or refused ({@link TypedPromotionCodes}); a cart's codes were checked
     * when entered, and one that has stopped applying since is left out, as the cart's own price leaves it out.
     */
    private Quote quote(CheckoutRepositories repositories, Draft draft, Address address,
            Optional<ShippingOption> option, boolean acceptPriceChanges) {
        Instant now = support.now();
        List<Item> items = reprice(repositories, draft, acceptPriceChanges);
        PromotionRepository promotions = repositories.promotions();
        List<Promotion> candidates = new ArrayList<>(promotions.findAutomatic(now));
        boolean typed = draft.cart().isEmpty();
        if (!typed && !draft.promotionCodes().isEmpty()) {
            candidates.addAll(promotions.findAllByCode(draft.promotionCodes()));
        }
        draft.customerId().ifPresent(customer -> candidates.removeIf(promotion -> promotions.isUsedUpBy(promotion,
                customer)));
        if (typed && !draft.promotionCodes().isEmpty()) {
            candidates.addAll(TypedPromotionCodes.require(promotions, draft.promotionCodes(), draft.customerId(),
                    items.stream().map(Item::subtotal).reduce(Money.zero(draft.currency()), Money::plus), now));
        }
        List<PricedLine> priced = items.stream()
                .map(item -> new PricedLine(item.sku(), item.unitPrice(), item.quantity(), item.taxClass())).toList();
        Totals totals = calculator.price(new PriceRequest(draft.currency(), priced, candidates,
                address.destination(), option, taxPolicy, now));
        return new Quote(draft, items, totals);
    }

    /**
     * Transaction 1: the order (whose insert claims the key) with its payment and history, the promotions'
     * redemptions, the sale of its stock to it, the cart checked out. The inserts come first, so that a taken key
     * fails before anything is redeemed or sold.
     */
    private Placed create(CheckoutRepositories repositories, OrderId orderId, Map<Sku, Long> held, Quote quote,
            String idempotencyKey, String fingerprint, Address address, Optional<ShippingOption> option,
            PaymentMethod method) {
        Instant now = support.now();
        Draft draft = quote.draft();
        Totals totals = quote.totals();
        boolean free = totals.grandTotal().isZero();
        List<OrderLine> lines = new ArrayList<>(quote.items().size());
        for (int i = 0; i < quote.items().size(); i++) {
            Item item = quote.items().get(i);
            LineTotal total = totals.lines().get(i);
            lines.add(new OrderLine(item.sku(), item.productId(), item.name(), item.unitPrice(), item.quantity(),
                    total.subtotal(), total.discount(), total.tax(), total.total(), null));
        }
        Actor actor = draft.customerId().<Actor>map(Actor.Customer::new).orElse(Actor.guest());
        Optional<Payment> payment = free ? Optional.empty()
                : Optional.of(Payment.start(new PaymentId(ids.next()), orderId.toString(), totals.grandTotal(),
                        method, GatewayKeys.firstPayment(orderId), now));
        OrderStatus status = free ? OrderStatus.CONFIRMED : OrderStatus.PENDING_PAYMENT;
        Order order = new Order(orderId, draft.customerId(), draft.email(), draft.guestSecretHash(),
                draft.currency(), lines,
                OrderTotals.of(totals), address, option.map(ShippingOption::id), idempotencyKey, fingerprint,
                status, free ? OrderPaymentStatus.NOT_REQUIRED : OrderPaymentStatus.PENDING,
                FulfillmentStatus.UNFULFILLED, payment.map(Payment::id), List.of(),
                List.of(new OrderTransition(Order.NEW, status.name(), now, actor.toString())), 1, now,
                now.plus(settings.orderPaymentTimeout()));
        // A free order is placed confirmed, as an approved payment would confirm it: storing it publishes OrderPlaced.
        OrderChanges.insert(repositories, order);
        payment.ifPresent(repositories.payments()::insert);
        for (AppliedPromotion applied : totals.appliedPromotions()) {
            if (!repositories.promotions().tryRedeem(applied.id(), draft.customerId(), orderId.toString(), now)) {
                throw new CommerceException(ErrorCode.LIMIT_EXCEEDED, "promotionCodes",
                        "promotion " + applied.name() + " has been used up", null);
            }
        }
        stock.take(repositories, quote.units(), held, now);
        if (draft.cart().isPresent()) {
            Cart cart = draft.cart().get();
            repositories.carts().update(cart.checkOut(now), cart.version());
        }
        return new Placed(order, payment);
    }

    private static List<Item> reprice(CheckoutRepositories repositories, Draft draft, boolean acceptPriceChanges) {
        List<Sku> skus = draft.items().stream().map(Item::sku).toList();
        Map<Sku, ProductOffer> offers = draft.products().keySet().containsAll(skus) ? draft.products()
                : repositories.products().findOffers(skus);
        List<Sku> changed = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (Item item : draft.items()) {
            ProductOffer offer = offers.get(item.sku());
            if (offer == null || !offer.active()) {
                throw new CommerceException(ErrorCode.NOT_FOUND, "sku", "product not for sale: " + item.sku(), null);
            }
            if (!offer.price().currency().equals(draft.currency())) {
                throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "product " + item.sku() + " is priced in "
                        + offer.price().currency() + ", the order in " + draft.currency());
            }
            if (item.unitPrice() != null && !offer.price().equals(item.unitPrice())) {
                changed.add(item.sku());
            }
            items.add(new Item(item.sku(), offer.id(), offer.name(), offer.price(), offer.taxClass(),
                    item.quantity()));
        }
        if (!changed.isEmpty() && !acceptPriceChanges) {
            throw new PriceChangedException(changed);
        }
        return items;
    }
}
