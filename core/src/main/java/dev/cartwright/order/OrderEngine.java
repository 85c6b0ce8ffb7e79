package dev.cartwright.order;

import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.catalog.ProductOffer;
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
import dev.cartwright.inventory.ReservationStatus;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import dev.cartwright.payment.AuthorizationRequest;
import dev.cartwright.payment.CaptureRequest;
import dev.cartwright.payment.GatewayResult;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.payment.PaymentGatewayException;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentLogEntry;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.Payments;
import dev.cartwright.payment.RefundRequest;
import dev.cartwright.payment.VoidRequest;
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
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order workflows that {@link Checkout}, {@link Orders} and {@link BackOffice} share. Every gateway call
 * happens between transactions, never inside one. Thread-safe.
 */
final class OrderEngine {

    static final String SYSTEM = "system";
    private static final int SWEEP_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(OrderEngine.class);

    /** One line to order, before pricing. */
    record Item(Sku sku, ProductId productId, String name, Money unitPrice, String taxClass, long quantity) {
    }

    /**
     * What an order is placed from, read before the transaction that places it; {@code products} holds the offers
     * already read for it (by SKU), so that pricing does not read them again.
     */
    record Draft(Optional<CustomerId> customerId, Optional<String> email, Optional<String> guestSecretHash,
            Currency currency, List<Item> items,
            List<String> promotionCodes, Optional<Cart> cart, Map<Sku, ProductOffer> products) {
    }

    /** A draft priced at the catalog's current prices, with the promotions that applied. */
    private record Quote(Draft draft, List<Item> items, Totals totals) {
    }

    /** An order as the transaction that wrote it left it, with its payment if it was created there too. */
    private record Placed(Order order, Optional<Payment> payment) {
    }

    private final UnitOfWork<CheckoutRepositories> transactions;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final IdGenerator ids;
    private final PriceCalculator calculator;
    private final TaxPolicy taxPolicy;
    private final ShippingOptions shippingOptions;
    private final CheckoutSettings settings;
    private final Runnable afterCommit;
    /** Payments this engine is asking the gateway about right now. */
    private final Set<PaymentId> inFlight = ConcurrentHashMap.newKeySet();
    /** How many cancels of each order this engine has at the gateway right now. */
    private final Map<OrderId, Integer> cancelsInFlight = new ConcurrentHashMap<>();

    OrderEngine(UnitOfWork<CheckoutRepositories> transactions, PaymentGateway gateway, Clock clock, IdGenerator ids,
            PriceCalculator calculator, TaxPolicy taxPolicy, ShippingOptions shippingOptions,
            CheckoutSettings settings, Runnable afterCommit) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.gateway = gateway;
        this.clock = Validate.notNull(clock, "clock");
        this.ids = Validate.notNull(ids, "ids");
        this.calculator = Validate.notNull(calculator, "calculator");
        this.taxPolicy = Validate.notNull(taxPolicy, "taxPolicy");
        this.shippingOptions = Validate.notNull(shippingOptions, "shippingOptions");
        this.settings = Validate.notNull(settings, "settings");
        this.afterCommit = Validate.notNull(afterCommit, "afterCommit");
    }

    <T> T inTransaction(Function<CheckoutRepositories, T> work) {
        return transactions.inTransaction(work);
    }

    // ---------------------------------------------------------------- placing

    /**
     * Places an order in two short transactions around the gateway call. First, with no transaction open, the
     * draft is read and priced. Transaction 1 then only writes: the order's insert claims the idempotency key (a
     * key already taken fails it, and the order holding the key is the answer), and one guarded statement per SKU
     * sells the stock to the order (allocated to it until it is paid, or goes back when it expires or is
     * cancelled). Should the store retry transaction 1, the retry reads and prices again inside it.
     */
    Order place(String idempotencyKey, String fingerprint, Address address, Optional<String> shippingOptionId,
            PaymentMethod method, boolean acceptPriceChanges, Function<CheckoutRepositories, Draft> draft) {
        Optional<ShippingOption> option = shippingOptionId.map(id -> shippingOptions.require(id, address.destination()));
        requireGateway();
        Placed placed;
        try {
            Quote quote = transactions.read(repositories -> quote(repositories, draft.apply(repositories), address,
                    option, acceptPriceChanges));
            AtomicBoolean firstAttempt = new AtomicBoolean(true);
            placed = transactions.inTransaction(repositories -> create(repositories, firstAttempt.getAndSet(false)
                    ? quote : quote(repositories, draft.apply(repositories), address, option, acceptPriceChanges),
                    idempotencyKey, fingerprint, address, option, method));
        } catch (CommerceException e) {
            // A retry racing its original fails on whatever the original took first (the stock, the last use of a
            // promotion, the cart, the key itself): if the key is now taken, the original's order is the answer.
            placed = transactions.read(repositories -> repositories.orders()
                    .findByIdempotencyKey(idempotencyKey).map(found -> sameRequest(found, fingerprint))
                    .map(found -> new Placed(found, Optional.empty())))
                    .orElseThrow(() -> e);
        }
        return settle(placed);
    }

    private static Order sameRequest(Order order, String fingerprint) {
        if (!order.requestFingerprint().equals(fingerprint)) {
            throw new CommerceException(ErrorCode.CONFLICT, "idempotencyKey",
                    "idempotency key " + order.idempotencyKey() + " was used for a different request", null);
        }
        return order;
    }

    /** Re-prices the draft's lines at the catalog's prices and applies the promotions and tax that hold now. */
    private Quote quote(CheckoutRepositories repositories, Draft draft, Address address, Optional<ShippingOption> option,
            boolean acceptPriceChanges) {
        Instant now = clock.instant();
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
        return new Quote(draft, items, totals);
    }

    /**
     * Transaction 1: writes the order, its payment and its history, redeems its promotions and sells its stock.
     * The inserts come first, so that a taken key fails before anything is redeemed or sold.
     */
    private Placed create(CheckoutRepositories repositories, Quote quote, String idempotencyKey, String fingerprint,
            Address address, Optional<ShippingOption> option, PaymentMethod method) {
        Instant now = clock.instant();
        Draft draft = quote.draft();
        Totals totals = quote.totals();
        OrderId orderId = new OrderId(ids.next());
        boolean free = totals.grandTotal().isZero();
        Map<Sku, Long> quantities = new TreeMap<>();
        List<OrderLine> lines = new ArrayList<>(quote.items().size());
        for (int i = 0; i < quote.items().size(); i++) {
            Item item = quote.items().get(i);
            LineTotal total = totals.lines().get(i);
            quantities.merge(item.sku(), item.quantity(), Math::addExact);
            lines.add(new OrderLine(item.sku(), item.productId(), item.name(), item.unitPrice(), item.quantity(),
                    total.subtotal(), total.discount(), total.tax(), total.total(), null));
        }
        String actor = draft.customerId().map(customer -> "customer:" + customer).orElse("guest");
        Optional<Payment> payment = free ? Optional.empty()
                : Optional.of(Payment.start(new PaymentId(ids.next()), orderId.toString(), totals.grandTotal(),
                        method, "order:" + orderId + ":payment:1", now));
        OrderStatus status = free ? OrderStatus.CONFIRMED : OrderStatus.PENDING_PAYMENT;
        Order order = new Order(orderId, draft.customerId(), draft.email(), draft.guestSecretHash(),
                draft.currency(), lines,
                OrderTotals.of(totals), address, option.map(ShippingOption::id), idempotencyKey, fingerprint,
                status, free ? OrderPaymentStatus.NOT_REQUIRED : OrderPaymentStatus.PENDING,
                FulfillmentStatus.UNFULFILLED, payment.map(Payment::id), List.of(),
                List.of(new OrderTransition("NEW", status.name(), now, actor)), 1, now,
                now.plus(settings.orderPaymentTimeout()));
        repositories.orders().insert(order);
        payment.ifPresent(repositories.payments()::insert);
        if (free) {
            // Nothing to pay: the order is confirmed at once, as an approved payment would confirm it.
            repositories.outbox().append(new OrderPlaced(orderId, draft.customerId(), totals.grandTotal(), now), now);
        }
        for (AppliedPromotion applied : totals.appliedPromotions()) {
            if (!repositories.promotions().tryRedeem(applied.id(), draft.customerId(), orderId.toString(), now)) {
                throw new CommerceException(ErrorCode.LIMIT_EXCEEDED, "promotionCodes",
                        "promotion " + applied.name() + " has been used up", null);
            }
        }
        ReservationAttempt sale = repositories.stock().trySellAll(quantities, now);
        if (!sale.recorded()) {
            throw InsufficientStockException.firstShort(quantities, sale);
        }
        settings.lowStockThreshold().publishCrossings(repositories, quantities, sale, now);
        if (draft.cart().isPresent()) {
            Cart cart = draft.cart().get();
            repositories.carts().update(cart.checkOut(now), cart.version());
        }
        return new Placed(order, payment);
    }

    private static List<Item> reprice(CheckoutRepositories repositories, Draft draft, boolean acceptPriceChanges) {
        List<Sku> skus = draft.items().stream().map(Item::sku).toList();
        Map<Sku, ProductOffer> products = draft.products().keySet().containsAll(skus) ? draft.products()
                : repositories.products().findOffers(skus);
        List<Sku> changed = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (Item item : draft.items()) {
            ProductOffer product = products.get(item.sku());
            if (product == null || !product.active()) {
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

    // ---------------------------------------------------------------- paying

    Order pay(OrderId id, CartAccess payer, PaymentMethod method, String idempotencyKey) {
        requireGateway();
        String paymentKey = "order:" + id + ":retry:" + idempotencyKey;
        Placed order;
        try {
            order = transactions.inTransaction(repositories -> {
                Order current = visibleTo(repositories, id, payer);
                if (repositories.payments().findByIdempotencyKey(paymentKey).isPresent()) {
                    return new Placed(current, Optional.empty());
                }
                Instant now = clock.instant();
                if (current.isExpiredAt(now)) {
                    throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " has expired");
                }
                Payment payment = Payment.start(new PaymentId(ids.next()), id.toString(),
                        current.totals().grandTotal(), method, paymentKey, now);
                Order next = current.withNewPayment(payment.id(), now, current.placedBy());
                repositories.payments().insert(payment);
                repositories.orders().update(next, current.version());
                return new Placed(next, Optional.of(payment));
            });
        } catch (CommerceException e) {
            // As for placing: a retry that lost the race to its original answers from the original's payment.
            order = transactions.inTransaction(repositories -> repositories.payments()
                    .findByIdempotencyKey(paymentKey)
                    .map(found -> new Placed(visibleTo(repositories, id, payer), Optional.empty())))
                    .orElseThrow(() -> e);
        }
        return settle(order);
    }

    /**
     * Sends the order's pending payment to the gateway, outside any transaction, and records the answer. A
     * payment just created with the order is not read again. While one call of this process is at the gateway
     * for a payment, another for the same payment (a retry racing its original) fails with
     * {@code IN_PROGRESS} instead of asking the gateway a second time.
     */
    private Order settle(Placed placed) {
        Order order = placed.order();
        if (order.status() != OrderStatus.PENDING_PAYMENT || order.paymentStatus() != OrderPaymentStatus.PENDING) {
            return order;
        }
        Payment payment = placed.payment().isPresent() ? placed.payment().get()
                : transactions.inTransaction(repositories -> loadPayment(repositories, order.paymentId()));
        if (payment.status() != PaymentStatus.PENDING) {
            return recordAnswer(order.id(), payment.id(), Optional.empty(),
                    () -> record(order.id(), payment.id(), Optional.empty()));
        }
        if (!inFlight.add(payment.id())) {
            throw new CommerceException(ErrorCode.IN_PROGRESS, "idempotencyKey", "the payment of order "
                    + order.id() + " is at the gateway for an earlier call with this key; retry shortly", null);
        }
        try {
            GatewayResult result = requireGateway().authorize(
                    AuthorizationRequest.forPayment(payment, settings.captureOnCheckout()));
            return placed.payment().isPresent()
                    ? recordAnswer(order.id(), payment.id(), Optional.of(result),
                            () -> recordOver(order, payment, result))
                    : recordAnswer(order.id(), payment.id(), Optional.of(result),
                            () -> record(order.id(), payment.id(), Optional.of(result)));
        } finally {
            inFlight.remove(payment.id());
        }
    }

    /**
     * Runs a recording of the gateway's answer and sees that a cancelled order keeps no money: when the approved
     * order's stock could no longer be sold (its hold lapsed and the units went to another buyer), the order is
     * cancelled instead; when the order was cancelled before the approval arrived (expiry, or just now for lack of
     * stock), the approved money is given back.
     */
    private Order recordAnswer(OrderId id, PaymentId paymentId, Optional<GatewayResult> result,
            Supplier<Order> recording) {
        Order recorded;
        try {
            recorded = recording.get();
        } catch (InsufficientStockException e) {
            recorded = cancelForLackOfStock(id, paymentId, result, e);
        }
        if (recorded.status() != OrderStatus.CANCELLED || !recorded.isPaidBy(paymentId)) {
            return recorded;
        }
        Payment payment = transactions.inTransaction(repositories -> loadPayment(repositories, paymentId));
        // A payment failed by the expiry sweep may still have been approved: the gateway's answer decides.
        Optional<MoneyBack> back = holdsMoney(payment) ? Optional.of(MoneyBack.of(payment, "give-back"))
                : result.filter(GatewayResult.Approved.class::isInstance).map(GatewayResult.Approved.class::cast)
                        .map(approved -> MoneyBack.of(approved, settings.captureOnCheckout(), payment, "give-back"));
        return back.isPresent() ? giveBack(recorded, payment, back.get()) : recorded;
    }

    private static boolean holdsMoney(Payment payment) {
        return payment.status() == PaymentStatus.AUTHORIZED || payment.refundable().isPositive();
    }

    /** The payment was approved but a lapsed hold's units are gone: the order is cancelled, its holds released. */
    private Order cancelForLackOfStock(OrderId id, PaymentId paymentId, Optional<GatewayResult> result,
            InsufficientStockException shortage) {
        return transactions.inTransaction(repositories -> {
            Order order = load(repositories, id);
            if (order.status() != OrderStatus.PENDING_PAYMENT) {
                return order;
            }
            Instant now = clock.instant();
            Payment stored = loadPayment(repositories, paymentId);
            Payment payment = stored;
            if (stored.status() == PaymentStatus.PENDING && result.isPresent()
                    && result.get() instanceof GatewayResult.Approved approved) {
                payment = Payments.store(repositories, stored,
                        stored.recordApproval(approved, settings.captureOnCheckout(), now));
            }
            LOG.warn("order {} was paid after its hold of {} lapsed and the stock went to another order;"
                    + " cancelling it and giving the payment back", id, shortage.sku());
            Order next = releaseHolds(repositories, order, now)
                    .withPaymentStatus(OrderPaymentStatus.of(payment.status()), now, SYSTEM);
            next = next.moveTo(OrderStatus.CANCELLED, now, "system:out-of-stock:" + shortage.sku());
            repositories.orders().update(next, order.version());
            repositories.outbox().append(new OrderCancelled(id, SYSTEM, now), now);
            return next;
        });
    }

    /**
     * Gives the money of a cancelled order back at the gateway (a void of an authorization, a refund of a
     * capture) and records it. If the gateway does not answer, the order stays cancelled with its payment as it
     * was, and the failure is logged for staff: the money is never kept silently.
     */
    private Order giveBack(Order order, Payment payment, MoneyBack back) {
        try {
            requireApproved(back.send(requireGateway()), back.operation());
        } catch (CommerceException e) {
            LOG.error("payment {} was approved after its order {} was cancelled and could not be given back; "
                    + "release it by hand", payment.id(), payment.reference(), e);
            return order;
        }
        return transactions.inTransaction(repositories -> {
            Instant now = clock.instant();
            Payment next = recordGivenBack(repositories, order.id(), payment.id(), back, now);
            return updatePaymentStatus(repositories, order.id(), next, SYSTEM, now);
        });
    }

    /**
     * Records a gateway answer over the order and payment as the first transaction wrote them, without reading
     * them again: their versioned updates fail if anything changed them since (a webhook, the expiry sweep), and
     * then the answer is recorded over what is stored, as {@link #record} does.
     */
    private Order recordOver(Order order, Payment payment, GatewayResult result) {
        AtomicBoolean firstAttempt = new AtomicBoolean(true);
        try {
            return transactions.inTransaction(repositories -> firstAttempt.getAndSet(false)
                    ? record(repositories, order, payment, Optional.of(result))
                    : record(repositories, load(repositories, order.id()), loadPayment(repositories, payment.id()),
                            Optional.of(result)));
        } catch (CommerceException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
            return record(order.id(), payment.id(), Optional.of(result));
        }
    }

    /** Transaction 2: records a gateway answer on the payment and the order; harmless to repeat. */
    private Order record(OrderId id, PaymentId paymentId, Optional<GatewayResult> result) {
        return transactions.inTransaction(repositories -> record(repositories, load(repositories, id),
                loadPayment(repositories, paymentId), result));
    }

    private Order record(CheckoutRepositories repositories, Order order, Payment payment,
            Optional<GatewayResult> result) {
        Instant now = clock.instant();
        PaymentId paymentId = payment.id();
        Payment recorded = payment;
        // A webhook may have recorded the authorization first, and a sweep may even have confirmed the order on
        // it since: the capture that came with the authorization is still ours to record.
        boolean capturedWithIt = settings.captureOnCheckout() && payment.status() == PaymentStatus.AUTHORIZED
                && result.isPresent() && result.get() instanceof GatewayResult.Approved
                && order.isPaidBy(paymentId);
        if (result.isPresent() && (payment.status() == PaymentStatus.PENDING || capturedWithIt)) {
            recorded = result.get() instanceof GatewayResult.Approved approved
                    ? payment.recordApproval(approved, settings.captureOnCheckout(), now)
                    : payment.recordDecline((GatewayResult.Declined) result.get(), now);
            Payments.store(repositories, payment, recorded);
        }
        if (!order.isPaidBy(paymentId) || order.status() != OrderStatus.PENDING_PAYMENT) {
            return recorded != payment && order.isPaidBy(paymentId)
                    ? updatePaymentStatus(repositories, order.id(), recorded, SYSTEM, now) : order;
        }
        Order next = order.withPaymentStatus(OrderPaymentStatus.of(recorded.status()), now, SYSTEM);
        if (next.paymentStatus().isApproved()) {
            sellStock(repositories, order, now);
            next = next.moveTo(OrderStatus.CONFIRMED, now, SYSTEM);
            repositories.outbox().append(new OrderPlaced(order.id(), order.customerId(),
                    order.totals().grandTotal(), now), now);
        }
        if (next != order) {
            repositories.orders().update(next, order.version());
        }
        return next;
    }

    /**
     * Sells the stock that the order holds in reservations; lines sold when the order was placed hold none. A
     * hold that lapsed before the payment was approved is taken again under the same guard as any sale; if its
     * units are gone, this throws and the caller's transaction sells nothing.
     */
    private void sellStock(CheckoutRepositories repositories, Order order, Instant now) {
        List<ReservationId> held = order.lines().stream().flatMap(line -> line.reservation().stream()).toList();
        Set<ReservationId> committed = repositories.stock().tryCommitAll(held, now);
        if (committed.size() == held.size()) {
            return;
        }
        List<Reservation> again = new ArrayList<>();
        for (OrderLine line : inSkuOrder(order.lines())) {
            if (line.reservationId() != null && !committed.contains(line.reservationId())
                    && repositories.stock().status(line.reservationId(), now)
                    .filter(status -> status == ReservationStatus.COMMITTED).isEmpty()) {
                again.add(new Reservation(new ReservationId(ids.next()), line.sku(), line.quantity(),
                        now.plus(settings.orderPaymentTimeout()), now));
            }
        }
        if (again.isEmpty()) {
            return;
        }
        ReservationAttempt attempt = repositories.stock().tryReserveAll(again, now);
        if (!attempt.recorded()) {
            throw InsufficientStockException.firstShort(again, attempt);
        }
        settings.lowStockThreshold().publishCrossings(repositories, again, attempt, now);
        repositories.stock().tryCommitAll(again.stream().map(Reservation::id).toList(), now);
        LOG.info("order {} was paid after a hold lapsed; its stock was taken again: {}", order.id(), again);
    }

    // ---------------------------------------------------------------- sweeps

    int expireUnpaid() {
        int cancelled = 0;
        List<Order> expired = transactions.inTransaction(
                repositories -> repositories.orders().findExpiredUnpaid(clock.instant(), SWEEP_BATCH));
        for (Order order : expired) {
            try {
                if (order.paymentStatus() == OrderPaymentStatus.PENDING) {
                    Order recovered = recoverOne(order, true);
                    if (recovered.status() != OrderStatus.PENDING_PAYMENT) {
                        continue;
                    }
                }
                if (cancelUnpaid(order.id(), SYSTEM)) {
                    cancelled++;
                }
            } catch (PaymentGatewayException e) {
                LOG.warn("could not expire order {}: the gateway did not answer; will retry", order.id(), e);
            }
        }
        return cancelled;
    }

    int recover() {
        int settled = 0;
        List<Order> pending = transactions.inTransaction(
                repositories -> repositories.orders().findPaymentPending(SWEEP_BATCH));
        for (Order order : pending) {
            try {
                if (recoverOne(order, false).paymentStatus() != OrderPaymentStatus.PENDING) {
                    settled++;
                }
            } catch (PaymentGatewayException e) {
                LOG.warn("could not recover order {}: the gateway did not answer; will retry", order.id(), e);
            }
        }
        List<Order> cancelling = transactions.inTransaction(
                repositories -> repositories.orders().findCancelling(SWEEP_BATCH));
        for (Order order : cancelling) {
            try {
                cancel(order.id(), SYSTEM, Optional.empty());
                settled++;
            } catch (PaymentGatewayException e) {
                LOG.warn("could not finish cancelling order {}: the gateway did not answer; will retry", order.id(),
                        e);
            } catch (CommerceException e) {
                LOG.warn("could not finish cancelling order {}; it stays as it is: {}", order.id(), e.getMessage());
            }
        }
        return settled;
    }

    /** Asks the gateway what became of the order's pending payment; if it never saw it, optionally fails it. */
    private Order recoverOne(Order order, boolean failIfUnknown) {
        Payment payment = transactions.inTransaction(repositories -> loadPayment(repositories, order.paymentId()));
        if (payment.status() != PaymentStatus.PENDING) {
            return recordAnswer(order.id(), payment.id(), Optional.empty(),
                    () -> record(order.id(), payment.id(), Optional.empty()));
        }
        if (!failIfUnknown && inFlight.contains(payment.id())) {
            return order;
        }
        Optional<GatewayResult> outcome = requireGateway().lookup(payment.idempotencyKey());
        if (outcome.isPresent()) {
            return recordAnswer(order.id(), payment.id(), outcome, () -> record(order.id(), payment.id(), outcome));
        }
        if (!failIfUnknown) {
            return order;
        }
        return transactions.inTransaction(repositories -> {
            Instant now = clock.instant();
            Payment current = loadPayment(repositories, payment.id());
            Order currentOrder = load(repositories, order.id());
            if (current.status() != PaymentStatus.PENDING || !currentOrder.isPaidBy(current.id())) {
                return currentOrder;
            }
            Payment failed = current.fail("the gateway never received it before the order expired", now);
            Payments.store(repositories, current, failed);
            Order next = currentOrder.withPaymentStatus(OrderPaymentStatus.FAILED, now, SYSTEM);
            repositories.orders().update(next, currentOrder.version());
            return next;
        });
    }

    private boolean cancelUnpaid(OrderId id, String actor) {
        return transactions.inTransaction(repositories -> {
            Order order = load(repositories, id);
            if (order.status() != OrderStatus.PENDING_PAYMENT || order.paymentStatus() == OrderPaymentStatus.PENDING) {
                return false;
            }
            Instant now = clock.instant();
            repositories.orders().update(releaseHolds(repositories, order, now).moveTo(OrderStatus.CANCELLED, now,
                    actor), order.version());
            repositories.outbox().append(new OrderCancelled(id, actor, now), now);
            return true;
        });
    }

    /**
     * Gives back what placing an unpaid order took: its promotions' uses, then its stock, whether held in
     * reservations or sold to the order when it was placed.
     *
     * @return the order with the units sold to it counted as returned
     */
    private static Order releaseHolds(CheckoutRepositories repositories, Order order, Instant now) {
        repositories.promotions().releaseAll(order.id().toString());
        Map<Sku, Long> sold = new TreeMap<>();
        for (OrderLine line : inSkuOrder(order.lines())) {
            if (line.reservation().isPresent()) {
                repositories.stock().tryRelease(line.reservationId());
            } else if (line.returnable() > 0) {
                sold.merge(line.sku(), line.returnable(), Long::sum);
            }
        }
        returnSold(repositories, order.id(), sold, now);
        return sold.isEmpty() ? order : order.withReturned(sold);
    }

    /**
     * Stock rows are always locked in SKU order, as reservations are taken, so that two transactions
     * touching the same SKUs cannot lock them in opposite orders and deadlock.
     */
    private static List<OrderLine> inSkuOrder(List<OrderLine> lines) {
        List<OrderLine> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing(OrderLine::sku));
        return sorted;
    }

    // ---------------------------------------------------------------- after payment

    /**
     * Cancels an order: an unpaid one at once; a paid, unshipped one in three steps. First it is marked
     * {@link OrderStatus#CANCELLING}, which no shipment, capture or refund passes; then its authorization is
     * voided or its capture refunded at the gateway; then it becomes {@link OrderStatus#CANCELLED} and its sold
     * units go back to stock. A gateway that refuses puts the order back to {@link OrderStatus#CONFIRMED}; one
     * that does not answer leaves it cancelling, and repeating the call finishes the cancellation.
     */
    Order cancel(OrderId id, String actor, Optional<CustomerId> owner) {
        Order order = transactions.inTransaction(repositories -> visible(repositories, id, owner));
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            return cancelUnpaid(order, actor, owner);
        }
        Order claimed = transactions.inTransaction(repositories -> {
            Order current = visible(repositories, id, owner);
            if (current.status() == OrderStatus.CANCELLING) {
                return current;
            }
            if (current.status() != OrderStatus.CONFIRMED) {
                throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + current.status()
                        + " and cannot be cancelled");
            }
            if (current.fulfillmentStatus() != FulfillmentStatus.UNFULFILLED) {
                throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is "
                        + current.fulfillmentStatus() + " and cannot be cancelled; refund it instead");
            }
            Order next = current.moveTo(OrderStatus.CANCELLING, clock.instant(), actor);
            repositories.orders().update(next, current.version());
            return next;
        });
        Optional<Payment> payment = claimed.payment().map(paymentId -> transactions.inTransaction(
                repositories -> loadPayment(repositories, paymentId)));
        MoneyBack back = payment.map(paid -> MoneyBack.of(paid, "cancel")).orElse(null);
        if (back != null) {
            cancelsInFlight.merge(id, 1, Integer::sum);
            try {
                requireApproved(back.send(requireGateway()), back.operation());
            } catch (RuntimeException e) {
                int othersAtTheGateway = leaveTheGateway(id);
                // A refusal puts the order back, unless another cancel of it still at the gateway may yet give the
                // money back (the order must not be shippable meanwhile); an unknown outcome leaves it cancelling.
                if (e instanceof CommerceException && !(e instanceof PaymentGatewayException)
                        && othersAtTheGateway == 0) {
                    transactions.inTransaction(repositories -> {
                        Order current = load(repositories, id);
                        if (current.status() == OrderStatus.CANCELLING) {
                            repositories.orders().update(current.moveTo(OrderStatus.CONFIRMED, clock.instant(),
                                    actor), current.version());
                        }
                        return null;
                    });
                }
                throw e;
            }
            leaveTheGateway(id);
        }
        Order result = transactions.inTransaction(repositories -> {
            Instant now = clock.instant();
            Order stored = load(repositories, id);
            Order current = stored;
            // The money has gone back: it is recorded whatever became of the order meanwhile.
            Optional<Payment> given = payment.map(paid -> back == null ? lockPayment(repositories, paid.id())
                    : recordGivenBack(repositories, id, paid.id(), back, now));
            if (current.status() == OrderStatus.CONFIRMED
                    && current.fulfillmentStatus() == FulfillmentStatus.UNFULFILLED) {
                // A concurrent cancel the gateway refused put the order back while this one's money went back.
                current = current.moveTo(OrderStatus.CANCELLING, now, actor);
            }
            if (current.status() != OrderStatus.CANCELLING) {
                return given.map(paid -> updatePaymentStatus(repositories, id, paid, actor, now)).orElse(stored);
            }
            Order cancelled = returnToStock(repositories, current, now);
            if (given.isPresent()) {
                cancelled = cancelled.withPaymentStatus(OrderPaymentStatus.of(given.get().status()), now, actor);
            }
            cancelled = cancelled.moveTo(OrderStatus.CANCELLED, now, actor);
            repositories.orders().update(cancelled, stored.version());
            repositories.outbox().append(new OrderCancelled(id, actor, now), now);
            return cancelled;
        });
        if (result.status() != OrderStatus.CANCELLED) {
            throw new CommerceException(ErrorCode.CONFLICT, "order " + id + " shipped while its cancellation was at"
                    + " the gateway; the money given back is recorded on its payment, and staff must settle the rest");
        }
        return result;
    }

    /**
     * Records money the gateway gave back on the payment, once whoever records it first, with the events of
     * the change and, for a refund, {@link OrderRefunded}.
     *
     * @return the payment as it is now
     */
    private static Payment recordGivenBack(CheckoutRepositories repositories, OrderId id, PaymentId paymentId,
            MoneyBack back, Instant now) {
        Payment current = lockPayment(repositories, paymentId);
        Payment next = Payments.store(repositories, current, back.record(repositories, current, now));
        if (next.refunded().compareTo(current.refunded()) > 0) {
            repositories.outbox().append(new OrderRefunded(id, next.refunded().minus(current.refunded()), now), now);
        }
        return next;
    }

    /** @return how many other cancels of the order are still at the gateway */
    private int leaveTheGateway(OrderId id) {
        Integer left = cancelsInFlight.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1);
        return left == null ? 0 : left;
    }

    private Order cancelUnpaid(Order order, String actor, Optional<CustomerId> owner) {
        if (order.paymentStatus() == OrderPaymentStatus.PENDING) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + order.id()
                    + " has a payment in progress; cancel it once its outcome is known");
        }
        return transactions.inTransaction(repositories -> {
            Order current = visible(repositories, order.id(), owner);
            if (current.version() != order.version()) {
                throw CommerceException.conflict("order " + order.id() + " changed while it was being cancelled");
            }
            Instant now = clock.instant();
            Order cancelled = releaseHolds(repositories, current, now).moveTo(OrderStatus.CANCELLED, now, actor);
            repositories.orders().update(cancelled, current.version());
            repositories.outbox().append(new OrderCancelled(order.id(), actor, now), now);
            return cancelled;
        });
    }

    /**
     * Gives back what a confirmed, unshipped order took: its promotions' uses, and its sold units, less those a
     * refund already returned, as returns of the sale.
     *
     * @return the order with every unit counted as returned
     */
    private static Order returnToStock(CheckoutRepositories repositories, Order order, Instant now) {
        repositories.promotions().releaseAll(order.id().toString());
        Map<Sku, Long> units = new TreeMap<>();
        order.lines().stream().filter(line -> line.returnable() > 0)
                .forEach(line -> units.put(line.sku(), line.returnable()));
        returnSold(repositories, order.id(), units, now);
        return units.isEmpty() ? order : order.withReturned(units);
    }

    /**
     * Returns sold units to stock. The money has already gone back when this runs, so units that stock no longer
     * counts as sold (staff returned them by hand) are skipped with a warning rather than failing the call.
     */
    private static void returnSold(CheckoutRepositories repositories, OrderId id, Map<Sku, Long> units,
            Instant now) {
        if (units.isEmpty()) {
            return;
        }
        Map<Sku, StockLevel> levels = repositories.stock().levels(units.keySet(), now);
        Map<Sku, Long> returnable = new TreeMap<>();
        units.forEach((sku, quantity) -> {
            long sold = Optional.ofNullable(levels.get(sku)).map(StockLevel::sold).orElse(0L);
            if (sold < quantity) {
                LOG.warn("order {} returns {} of {} but stock counts only {} sold; returning those", id, quantity,
                        sku, sold);
            }
            if (Math.min(sold, quantity) > 0) {
                returnable.put(sku, Math.min(sold, quantity));
            }
        });
        repositories.stock().returnSoldAll(returnable);
    }

    /**
     * How a cancellation gives a payment's money back: a void of an authorization or a refund of what was
     * captured, under one key per payment, so that a repeated or concurrent cancellation moves money once.
     */
    private record MoneyBack(boolean voiding, Money amount, String gatewayPaymentId, String key) {

        static MoneyBack of(Payment payment, String purpose) {
            String key = "op:" + payment.id() + ":" + purpose;
            if (payment.status() == PaymentStatus.AUTHORIZED) {
                return new MoneyBack(true, payment.authorized(), payment.gatewayPaymentId(), key);
            }
            return payment.refundable().isPositive()
                    ? new MoneyBack(false, payment.refundable(), payment.gatewayPaymentId(), key) : null;
        }

        /** @return how to give back an approval that the payment never recorded */
        static MoneyBack of(GatewayResult.Approved approved, boolean captured, Payment payment, String purpose) {
            return new MoneyBack(!captured, approved.amount(), approved.gatewayPaymentId(),
                    "op:" + payment.id() + ":" + purpose);
        }

        String operation() {
            return voiding ? "void" : "refund";
        }

        GatewayResult send(PaymentGateway gateway) {
            return voiding ? gateway.voidAuthorization(new VoidRequest(gatewayPaymentId, key))
                    : gateway.refund(new RefundRequest(gatewayPaymentId, amount, key));
        }

        /** @return the payment with the money given back, once, whoever recorded it first */
        Payment record(CheckoutRepositories repositories, Payment current, Instant now) {
            if (!repositories.payments().recordGatewayEvent(current.id(), key, now)) {
                return current;
            }
            if (voiding) {
                return current.status() == PaymentStatus.AUTHORIZED ? current.voidAuthorization(key, now) : current;
            }
            return current.refundable().compareTo(amount) >= 0 ? current.refund(amount, key, now) : current;
        }
    }

    /**
     * Captures part or the rest of an order's authorization, as the operation {@code operationKey}: a repeat of
     * the same operation (same key) answers as the first did and captures nothing more; another operation, even
     * of the same amount at the same moment, captures again.
     */
    Order capture(OrderId id, Optional<Money> amount, String operationKey, String actor) {
        Order order = transactions.inTransaction(repositories -> load(repositories, id));
        if (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.COMPLETED) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + order.status()
                    + " and has nothing to capture");
        }
        Payment payment = transactions.inTransaction(repositories -> loadPayment(repositories, order.paymentId()));
        String key = "op:" + payment.id() + ":capture:" + operationKey;
        if (alreadyDone(payment, key, amount)) {
            return order;
        }
        Money toCapture = amount.orElse(payment.capturable());
        if (!toCapture.currency().equals(payment.currency())) {
            throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "capture in " + toCapture.currency()
                    + " of a payment in " + payment.currency());
        }
        if (!toCapture.isPositive() || toCapture.compareTo(payment.capturable()) > 0
                || (payment.status() != PaymentStatus.AUTHORIZED
                && payment.status() != PaymentStatus.PARTIALLY_CAPTURED)) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "payment of order " + id + " is "
                    + payment.status() + " with " + payment.capturable() + " capturable; cannot capture " + toCapture);
        }
        GatewayResult result = requireGateway().capture(new CaptureRequest(payment.gatewayPaymentId(), toCapture,
                key));
        requireApproved(result, "capture");
        return transactions.inTransaction(repositories -> {
            Instant now = clock.instant();
            Payment current = lockPayment(repositories, payment.id());
            Payment next = current;
            if (firstTime(repositories, payment, key, now)) {
                next = current.capture(toCapture, key, now);
                Payments.store(repositories, current, next);
            }
            return updatePaymentStatus(repositories, id, next, actor, now);
        });
    }

    /**
     * Refunds part of what was captured, as the operation {@code operationKey} (see {@link #capture}), putting
     * the returned units back in stock.
     */
    Order refund(OrderId id, Money amount, Map<Sku, Long> restock, String operationKey, String actor) {
        Validate.notNull(amount, "amount");
        Order order = transactions.inTransaction(repositories -> load(repositories, id));
        if (order.status() == OrderStatus.CANCELLING) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is being cancelled");
        }
        order.withReturned(restock);
        Payment payment = transactions.inTransaction(repositories -> loadPayment(repositories, order.paymentId()));
        String key = "op:" + payment.id() + ":refund:" + operationKey;
        if (alreadyDone(payment, key, Optional.of(amount))) {
            return order;
        }
        if (!amount.currency().equals(payment.currency())) {
            throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "refund in " + amount.currency()
                    + " of a payment in " + payment.currency());
        }
        if (!amount.isPositive() || amount.compareTo(payment.refundable()) > 0) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "payment of order " + id + " has "
                    + payment.refundable() + " refundable; cannot refund " + amount);
        }
        GatewayResult result = requireGateway().refund(new RefundRequest(payment.gatewayPaymentId(), amount, key));
        requireApproved(result, "refund");
        return transactions.inTransaction(repositories -> {
            Instant now = clock.instant();
            Payment current = lockPayment(repositories, payment.id());
            Payment next = current;
            if (firstTime(repositories, payment, key, now)) {
                next = current.refund(amount, key, now);
                Payments.store(repositories, current, next);
                putBack(repositories, id, restock, now);
                repositories.outbox().append(new OrderRefunded(id, amount, now), now);
            }
            return updatePaymentStatus(repositories, id, next, actor, now);
        });
    }

    /**
     * Puts a refund's returned units back in stock. The money has moved by now, so a concurrent refund that
     * returned some of the same units first is not an error: each line returns at most what it has left.
     */
    private static void putBack(CheckoutRepositories repositories, OrderId id, Map<Sku, Long> restock,
            Instant now) {
        if (restock.isEmpty()) {
            return;
        }
        Order order = load(repositories, id);
        Map<Sku, Long> units = new TreeMap<>();
        for (OrderLine line : order.lines()) {
            long wanted = restock.getOrDefault(line.sku(), 0L);
            if (wanted > 0 && line.returnable() > 0) {
                units.put(line.sku(), Math.min(wanted, line.returnable()));
            }
        }
        if (units.isEmpty()) {
            return;
        }
        repositories.orders().update(order.withReturned(units), order.version());
        returnSold(repositories, id, units, now);
    }

    /**
     * Whether the payment already records the operation with this gateway key: then the call is a repeat, and
     * answers as the first did. The same key with another amount is a different request: {@code CONFLICT}.
     */
    private static boolean alreadyDone(Payment payment, String key, Optional<Money> amount) {
        Optional<PaymentLogEntry> done = payment.log().stream().filter(entry -> key.equals(entry.gatewayEventId()))
                .findFirst();
        if (done.isPresent() && amount.isPresent() && !done.get().amount().equals(amount.get())) {
            throw new CommerceException(ErrorCode.CONFLICT, "operationKey", "operation key was used for "
                    + done.get().kind() + " of " + done.get().amount() + ", not " + amount.get(), null);
        }
        return done.isPresent();
    }

    private static Order updatePaymentStatus(CheckoutRepositories repositories, OrderId id, Payment payment,
            String actor, Instant now) {
        Order current = load(repositories, id);
        if (!current.isPaidBy(payment.id())) {
            return current;
        }
        Order next = current.withPaymentStatus(OrderPaymentStatus.of(payment.status()), now, actor);
        if (next != current) {
            repositories.orders().update(next, current.version());
        }
        return next;
    }

    Order change(OrderId id, Function<Order, Order> change) {
        return transactions.inTransaction(repositories -> {
            Order current = load(repositories, id);
            Order next = change.apply(current);
            if (next != current) {
                repositories.orders().update(next, current.version());
                if (next.shipments().size() > current.shipments().size()) {
                    Instant now = clock.instant();
                    repositories.outbox().append(new OrderFulfilled(id,
                            next.shipments().get(next.shipments().size() - 1), next.fulfillmentStatus(), now), now);
                }
            }
            return next;
        });
    }

    /** Offers the events just committed to the listeners; their failures never fail the caller's call. */
    <T> T published(T result) {
        try {
            afterCommit.run();
        } catch (RuntimeException e) {
            LOG.warn("event delivery failed; the events stay in the outbox for the next attempt", e);
        }
        return result;
    }

    Instant now() {
        return clock.instant();
    }

    /** @return a fresh key for a money movement whose caller gave none */
    String newOperationKey() {
        return ids.next().toString();
    }

    // ---------------------------------------------------------------- helpers

    private static boolean firstTime(CheckoutRepositories repositories, Payment payment, String key, Instant now) {
        return repositories.payments().recordGatewayEvent(payment.id(), key, now);
    }

    private static void requireApproved(GatewayResult result, String operation) {
        if (result instanceof GatewayResult.Declined declined) {
            throw new CommerceException(ErrorCode.PAYMENT_DECLINED, "the gateway declined the " + operation + ": "
                    + declined.reason() + " " + declined.message());
        }
    }

    static Order visible(CheckoutRepositories repositories, OrderId id, Optional<CustomerId> owner) {
        Order order = load(repositories, id);
        if (owner.isPresent() && !order.belongsTo(owner.get())) {
            throw new CommerceException(ErrorCode.FORBIDDEN, "order " + id + " belongs to someone else");
        }
        return order;
    }

    static Order visibleTo(CheckoutRepositories repositories, OrderId id, CartAccess shopper) {
        Order order = load(repositories, id);
        if (!order.admits(shopper)) {
            throw new CommerceException(ErrorCode.FORBIDDEN, "orderId", "order " + id + " is not yours", null);
        }
        return order;
    }

    static Order load(CheckoutRepositories repositories, OrderId id) {
        return repositories.orders().findById(id).orElseThrow(() -> CommerceException.notFound("order", id));
    }

    private static Payment loadPayment(CheckoutRepositories repositories, PaymentId id) {
        return repositories.payments().findById(id).orElseThrow(() -> CommerceException.notFound("payment", id));
    }

    private static Payment lockPayment(CheckoutRepositories repositories, PaymentId id) {
        return repositories.payments().findByIdForUpdate(id)
                .orElseThrow(() -> CommerceException.notFound("payment", id));
    }

    private PaymentGateway requireGateway() {
        if (gateway == null) {
            throw new IllegalStateException(
                    "no payment gateway configured: call Commerce.builder().paymentGateway(...)");
        }
        return gateway;
    }
}
