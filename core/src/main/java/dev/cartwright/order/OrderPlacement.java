package dev.cartwright.order;

import dev.cartwright.cart.Cart;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationAttempt;
import dev.cartwright.inventory.ReservationId;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Placing an order: transaction 1 re-prices, redeems promotions, reserves stock and stores the order with its
 * payment; then {@link PaymentSettlement#settle} asks the gateway and records its answer. Thread-safe.
 */
final class OrderPlacement {

    /** One line to order, before pricing. */
    record Item(Sku sku, ProductId productId, String name, Money unitPrice, String taxClass, long quantity) {
    }

    /**
     * What an order is placed from, loaded inside the first transaction; {@code products} holds those already
     * read for it (by SKU), so that pricing does not read them again.
     */
    record Draft(Optional<CustomerId> customerId, Optional<String> email, Optional<String> guestSecretHash,
            Currency currency, List<Item> items,
            List<String> promotionCodes, Optional<Cart> cart, Map<Sku, Product> products) {
    }

    /** An order as the transaction that wrote it left it, with its payment if it was created there too. */
    record Placed(Order order, Optional<Payment> payment) {
    }

    private final IdGenerator ids;
    private final PriceCalculator calculator;
    private final TaxPolicy taxPolicy;
    private final ShippingOptions shippingOptions;
    private final CheckoutSettings settings;
    private final OrderSupport support;
    private final PaymentSettlement settlement;

    OrderPlacement(OrderSupport support, PaymentSettlement settlement, PriceCalculator calculator,
            TaxPolicy taxPolicy, ShippingOptions shippingOptions) {
        this.support = Validate.notNull(support, "support");
        this.settlement = Validate.notNull(settlement, "settlement");
        this.ids = support.ids();
        this.calculator = Validate.notNull(calculator, "calculator");
        this.taxPolicy = Validate.notNull(taxPolicy, "taxPolicy");
        this.shippingOptions = Validate.notNull(shippingOptions, "shippingOptions");
        this.settings = support.settings();
    }

    Order place(String idempotencyKey, String fingerprint, Address address, Optional<String> shippingOptionId,
            PaymentMethod method, boolean acceptPriceChanges, Function<CheckoutRepositories, Draft> draft) {
        ShippingOption option = shippingOptionId
                .map(id -> shippingOptions.require(id, address.destination())).orElse(null);
        support.requireGateway();
        Placed placed;
        try {
            placed = support.inTransaction(repositories -> {
                Optional<Order> existing = repositories.orders().findByIdempotencyKey(idempotencyKey);
                if (existing.isPresent()) {
                    return new Placed(sameRequest(existing.get(), fingerprint), Optional.empty());
                }
                return create(repositories, draft.apply(repositories), idempotencyKey, fingerprint, address,
                        Optional.ofNullable(option), method, acceptPriceChanges);
            });
        } catch (CommerceException e) {
            // A retry racing its original fails on whatever the original took first (the stock, the last use of a
            // promotion, the cart, the key itself): if the key is now taken, the original's order is the answer.
            placed = support.inTransaction(repositories -> repositories.orders()
                    .findByIdempotencyKey(idempotencyKey).map(found -> sameRequest(found, fingerprint))
                    .map(found -> new Placed(found, Optional.empty())))
                    .orElseThrow(() -> e);
        }
        return settlement.settle(placed);
    }

    private static Order sameRequest(Order order, String fingerprint) {
        if (!order.requestFingerprint().equals(fingerprint)) {
            throw new CommerceException(ErrorCode.CONFLICT, "idempotencyKey",
                    "idempotency key " + order.idempotencyKey() + " was used for a different request", null);
        }
        return order;
    }

    private Placed create(CheckoutRepositories repositories, Draft draft, String idempotencyKey, String fingerprint,
            Address address, Optional<ShippingOption> option, PaymentMethod method, boolean acceptPriceChanges) {
        Instant now = support.now();
        OrderId orderId = new OrderId(ids.next());
        List<Item> items = reprice(repositories, draft, acceptPriceChanges);
        PromotionRepository promotions = repositories.promotions();
        List<Promotion> candidates = new ArrayList<>(promotions.findAutomatic(now));
        if (!draft.promotionCodes().isEmpty()) {
            candidates.addAll(promotions.findAllByCode(draft.promotionCodes()));
        }
        draft.customerId().ifPresent(customer -> candidates.removeIf(promotion -> promotion.perCustomerLimit()
                .isPresent()
                && promotions.timesUsedBy(promotion.id(), customer) >= promotion.perCustomerLimit().getAsLong()));
        List<PricedLine> priced = items.stream()
                .map(item -> new PricedLine(item.sku(), item.unitPrice(), item.quantity(), item.taxClass())).toList();
        Totals totals = calculator.price(new PriceRequest(draft.currency(), priced, candidates,
                address.destination(), option, taxPolicy, now));
        boolean free = totals.grandTotal().isZero();
        for (AppliedPromotion applied : totals.appliedPromotions()) {
            if (!promotions.tryRedeem(applied.id(), draft.customerId(), orderId.toString(), now)) {
                throw new CommerceException(ErrorCode.LIMIT_EXCEEDED, "promotionCodes",
                        "promotion " + applied.name() + " has been used up", null);
            }
        }
        Instant expiresAt = now.plus(settings.orderPaymentTimeout());
        Instant holdUntil = expiresAt.plus(settings.orderPaymentTimeout());
        List<Reservation> toReserve = new ArrayList<>(items.size());
        Map<Sku, ReservationId> reservations = new HashMap<>();
        for (Item item : items) {
            Reservation reservation = new Reservation(new ReservationId(ids.next()), item.sku(), item.quantity(),
                    holdUntil, now);
            toReserve.add(reservation);
            reservations.put(item.sku(), reservation.id());
        }
        ReservationAttempt attempt = repositories.stock().tryReserveAll(toReserve, now);
        if (!attempt.recorded()) {
            throw InsufficientStockException.firstShort(toReserve, attempt);
        }
        settings.lowStockThreshold().publishCrossings(repositories, toReserve, attempt, now);
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            LineTotal total = totals.lines().get(i);
            lines.add(new OrderLine(item.sku(), item.productId(), item.name(), item.unitPrice(), item.quantity(),
                    total.subtotal(), total.discount(), total.tax(), total.total(), reservations.get(item.sku())));
        }
        Actor actor = draft.customerId().<Actor>map(Actor.Customer::new).orElse(Actor.guest());
        Optional<Payment> payment = Optional.empty();
        if (free) {
            // Nothing to pay: the order is sold at once, as an approved payment would sell it.
            repositories.stock().tryCommitAll(toReserve.stream().map(Reservation::id).toList(), now);
        } else {
            payment = Optional.of(Payment.start(new PaymentId(ids.next()), orderId.toString(), totals.grandTotal(),
                    method, GatewayKeys.firstPayment(orderId), now));
            repositories.payments().insert(payment.get());
        }
        OrderStatus status = free ? OrderStatus.CONFIRMED : OrderStatus.PENDING_PAYMENT;
        Order order = new Order(orderId, draft.customerId(), draft.email(), draft.guestSecretHash(),
                draft.currency(), lines,
                OrderTotals.of(totals), address, option.map(ShippingOption::id), idempotencyKey, fingerprint,
                status, free ? OrderPaymentStatus.NOT_REQUIRED : OrderPaymentStatus.PENDING,
                FulfillmentStatus.UNFULFILLED, payment.map(Payment::id), List.of(),
                List.of(new OrderTransition(Order.NEW, status.name(), now, actor.toString())), 1, now, expiresAt);
        // A free order is placed confirmed: storing it publishes OrderPlaced.
        OrderChanges.insert(repositories, order);
        if (draft.cart().isPresent()) {
            Cart cart = draft.cart().get();
            repositories.carts().update(cart.checkOut(now), cart.version());
        }
        return new Placed(order, payment);
    }

    private static List<Item> reprice(CheckoutRepositories repositories, Draft draft, boolean acceptPriceChanges) {
        List<Sku> skus = draft.items().stream().map(Item::sku).toList();
        Map<Sku, Product> products = draft.products().keySet().containsAll(skus) ? draft.products()
                : repositories.products().findAllBySku(skus);
        List<Sku> changed = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (Item item : draft.items()) {
            Product product = products.get(item.sku());
            if (product == null || !product.isActive()) {
                throw new CommerceException(ErrorCode.NOT_FOUND, "sku", "product not for sale: " + item.sku(), null);
            }
            if (!product.price().currency().equals(draft.currency())) {
                throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "product " + item.sku() + " is priced in "
                        + product.price().currency() + ", the order in " + draft.currency());
            }
            if (item.unitPrice() != null && !product.price().equals(item.unitPrice())) {
                changed.add(item.sku());
            }
            items.add(new Item(item.sku(), product.id(), product.name(), product.price(), product.taxClass(),
                    item.quantity()));
        }
        if (!changed.isEmpty() && !acceptPriceChanges) {
            throw new PriceChangedException(changed);
        }
        return items;
    }
}
