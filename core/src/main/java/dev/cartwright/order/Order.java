package dev.cartwright.order;

import dev.cartwright.cart.CartAccess;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.store.SecretTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A placed order: immutable snapshots of its lines and totals, where it ships, and three separate
 * progressions: its {@link OrderStatus}, its {@link OrderPaymentStatus} and its {@link FulfillmentStatus}.
 * Immutable and thread-safe; every change is a method that returns a new order with {@code version} one
 * higher and an entry appended to {@code history}, or throws and leaves this one as it was.
 *
 * <p>Invariant, checked on construction: {@code totals} are exactly the sums of the lines, that is
 * {@code subtotal = Σ line.subtotal}, {@code discountTotal = Σ line.discount},
 * {@code taxTotal = Σ line.tax + shippingTax}, and
 * {@code grandTotal = subtotal - discountTotal + taxTotal + shipping} (without {@code taxTotal} when prices
 * include tax); every amount is in {@code currency}.
 *
 * @param id the identity
 * @param customerId the customer who placed it; empty for a guest
 * @param email the guest's e-mail for order mail; empty for a customer
 * @param guestSecretHash for a guest's order placed from their cart, the SHA-256 of that cart's secret, which
 *     lets the guest reach the order ({@link #admits}); empty otherwise
 * @param currency the currency of every amount
 * @param lines the lines, at least one, one per SKU
 * @param totals the sums
 * @param shippingAddress where it ships
 * @param shippingOptionId how it ships; empty if priced without shipping
 * @param idempotencyKey the key it was placed with; unique among orders
 * @param requestFingerprint a digest of the request it was placed with, to tell a retry from a misuse of the key
 * @param status where it stands
 * @param paymentStatus the state of its current payment
 * @param fulfillmentStatus how far it has shipped
 * @param payment its current payment (the latest attempt); empty for a free order, which needs none
 * @param shipments what has been shipped, oldest first
 * @param history every change, oldest first
 * @param version incremented by every change, for optimistic concurrency; 1 when placed
 * @param placedAt when it was placed
 * @param expiresAt when it is cancelled if still unpaid
 */
public record Order(
        OrderId id,
        Optional<CustomerId> customerId,
        Optional<String> email,
        Optional<String> guestSecretHash,
        Currency currency,
        List<OrderLine> lines,
        OrderTotals totals,
        Address shippingAddress,
        Optional<String> shippingOptionId,
        String idempotencyKey,
        String requestFingerprint,
        OrderStatus status,
        OrderPaymentStatus paymentStatus,
        FulfillmentStatus fulfillmentStatus,
        Optional<PaymentId> payment,
        List<Shipment> shipments,
        List<OrderTransition> history,
        long version,
        Instant placedAt,
        Instant expiresAt) {

    /** Where the history of every order starts: {@code from} of its first entry. */
    static final String NEW = "NEW";
    private static final String FULFILLMENT = "fulfillment:";

    /**
     * Validates, including the totals invariant.
     *
     * @throws CommerceException {@code VALIDATION} naming the field that breaks it
     */
    public Order {
        Validate.notNull(id, "id");
        Validate.notNull(customerId, "customerId");
        Validate.notNull(email, "email");
        Validate.notNull(guestSecretHash, "guestSecretHash");
        if (guestSecretHash.isPresent() && (customerId.isPresent() || !SecretTokens.isHash(guestSecretHash.get()))) {
            throw CommerceException.invalid("guestSecretHash", "must be a SHA-256 in hex, on a guest's order only");
        }
        Validate.notNull(currency, "currency");
        lines = List.copyOf(Validate.noNulls(lines, "lines"));
        if (lines.isEmpty()) {
            throw CommerceException.invalid("lines", "must not be empty");
        }
        Set<Sku> skus = new HashSet<>();
        for (OrderLine line : lines) {
            if (!skus.add(line.sku())) {
                throw CommerceException.invalid("lines", "hold SKU " + line.sku() + " twice");
            }
        }
        Validate.notNull(totals, "totals");
        checkTotals(currency, lines, totals);
        Validate.notNull(shippingAddress, "shippingAddress");
        Validate.notNull(shippingOptionId, "shippingOptionId");
        Validate.notBlank(idempotencyKey, "idempotencyKey", 255);
        Validate.notBlank(requestFingerprint, "requestFingerprint", 255);
        Validate.notNull(status, "status");
        Validate.notNull(paymentStatus, "paymentStatus");
        Validate.notNull(fulfillmentStatus, "fulfillmentStatus");
        Validate.notNull(payment, "payment");
        if (payment.isEmpty() != (paymentStatus == OrderPaymentStatus.NOT_REQUIRED)) {
            throw CommerceException.invalid("payment", "is absent exactly when no payment is required");
        }
        shipments = List.copyOf(Validate.noNulls(shipments, "shipments"));
        history = List.copyOf(Validate.noNulls(history, "history"));
        Validate.positive(version, "version");
        Validate.notNull(placedAt, "placedAt");
        Validate.notNull(expiresAt, "expiresAt");
    }

    private static void checkTotals(Currency currency, List<OrderLine> lines, OrderTotals totals) {
        Money zero = Money.zero(currency);
        Money subtotal = zero;
        Money discount = zero;
        Money tax = zero;
        for (OrderLine line : lines) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, "line " + line.sku() + " is not in "
                        + currency);
            }
            Money expectedTotal = line.subtotal().minus(line.discount())
                    .plus(totals.pricesIncludeTax() ? zero : line.tax());
            if (!line.total().equals(expectedTotal)) {
                throw CommerceException.invalid("lines", "total of " + line.sku() + " must be subtotal - discount"
                        + (totals.pricesIncludeTax() ? "" : " + tax"));
            }
            subtotal = subtotal.plus(line.subtotal());
            discount = discount.plus(line.discount());
            tax = tax.plus(line.tax());
        }
        require(totals.subtotal().equals(subtotal), "subtotal", "must be the sum of the lines' subtotals");
        require(totals.discountTotal().equals(discount), "discountTotal", "must be the sum of the lines' discounts");
        require(totals.taxTotal().equals(tax.plus(totals.shippingTax())), "taxTotal",
                "must be the lines' tax plus the shipping tax");
        require(!totals.shipping().isNegative() && !totals.shippingTax().isNegative(), "shipping",
                "must not be negative");
        Money grand = subtotal.minus(discount).plus(totals.shipping())
                .plus(totals.pricesIncludeTax() ? zero : totals.taxTotal());
        require(totals.grandTotal().equals(grand), "grandTotal",
                "must be subtotal - discountTotal + taxTotal + shipping");
    }

    private static void require(boolean condition, String field, String reason) {
        if (!condition) {
            throw CommerceException.invalid(field, reason);
        }
    }

    /** @return who placed it: its customer, or a guest */
    public Actor placedBy() {
        return customerId.<Actor>map(Actor.Customer::new).orElse(Actor.guest());
    }

    /**
     * @param customer a customer
     * @return whether they placed it
     */
    /**
     * @return its current payment (the latest attempt)
     * @throws CommerceException {@code INVALID_TRANSITION} for a free order, which has none
     */
    public PaymentId paymentId() {
        return payment.orElseThrow(() -> new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id
                + " was free and has no payment"));
    }

    /**
     * @param candidate a payment
     * @return whether it is the order's current payment
     */
    public boolean isPaidBy(PaymentId candidate) {
        return payment.isPresent() && payment.get().equals(candidate);
    }

    /**
     * Whether a shopper may act on this order: its customer, or the guest holding the secret of the cart it was
     * placed from.
     *
     * @param shopper who acts
     * @return whether the order is theirs
     */
    public boolean admits(CartAccess shopper) {
        Validate.notNull(shopper, "shopper");
        if (shopper instanceof CartAccess.Customer customer) {
            return belongsTo(customer.customerId());
        }
        return customerId.isEmpty() && guestSecretHash.isPresent()
                && SecretTokens.matches(((CartAccess.Guest) shopper).secret(), guestSecretHash.get());
    }

    public boolean belongsTo(CustomerId customer) {
        return customerId.isPresent() && customerId.get().equals(customer);
    }

    /**
     * @param now the instant to judge at
     * @return whether it is unpaid and its payment window is over
     */
    public boolean isExpiredAt(Instant now) {
        return status == OrderStatus.PENDING_PAYMENT && !now.isBefore(expiresAt);
    }

    /**
     * @param sku a SKU of the order
     * @return the units of it shipped so far
     */
    public long shippedQuantity(Sku sku) {
        return shipments.stream().mapToLong(shipment -> shipment.quantities().getOrDefault(sku, 0L)).sum();
    }

    /**
     * Moves to another status, if {@link OrderStatus#canMoveTo} allows it.
     *
     * @param target the new status
     * @param at when
     * @param actor who
     * @return the moved order
     * @throws CommerceException {@code INVALID_TRANSITION} if the move is not allowed
     */
    public Order moveTo(OrderStatus target, Instant at, Actor actor) {
        Validate.notNull(target, "status");
        if (!status.canMoveTo(target)) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + status
                    + " and cannot become " + target);
        }
        return next(target, paymentStatus, fulfillmentStatus, payment, shipments,
                transition(status.name(), target.name(), at, actor));
    }

    /**
     * Records the state of the current payment.
     *
     * @param newStatus the payment's state
     * @param at when
     * @param actor who
     * @return the changed order, or this one if the state is unchanged
     */
    public Order withPaymentStatus(OrderPaymentStatus newStatus, Instant at, Actor actor) {
        Validate.notNull(newStatus, "paymentStatus");
        if (newStatus == paymentStatus) {
            return this;
        }
        return next(status, newStatus, fulfillmentStatus, payment, shipments,
                transition("payment:" + paymentStatus, "payment:" + newStatus, at, actor));
    }

    /**
     * Starts another payment attempt after a decline or failure.
     *
     * @param newPayment the new, pending payment
     * @param at when
     * @param actor who
     * @return the changed order
     * @throws CommerceException {@code INVALID_TRANSITION} unless pending payment with a declined or failed one
     */
    public Order withNewPayment(PaymentId newPayment, Instant at, Actor actor) {
        Validate.notNull(newPayment, "paymentId");
        if (status != OrderStatus.PENDING_PAYMENT
                || (paymentStatus != OrderPaymentStatus.DECLINED && paymentStatus != OrderPaymentStatus.FAILED)) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + status
                    + " with payment " + paymentStatus + " and cannot be paid again");
        }
        return next(status, OrderPaymentStatus.PENDING, fulfillmentStatus, Optional.of(newPayment), shipments,
                transition("payment:" + paymentStatus, "payment:PENDING", at, actor));
    }

    /**
     * Records a shipment of some or all of the units still to ship.
     *
     * @param shipment what was shipped
     * @param actor who
     * @return the changed order, {@link FulfillmentStatus#FULFILLED} once every unit shipped
     * @throws CommerceException {@code INVALID_TRANSITION} unless {@link OrderStatus#CONFIRMED};
     *     {@code VALIDATION} (field {@code quantities}) for a SKU not in the order or more units than are left
     */
    public Order ship(Shipment shipment, Actor actor) {
        Validate.notNull(shipment, "shipment");
        if (status != OrderStatus.CONFIRMED) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + status
                    + " and cannot be shipped");
        }
        Map<Sku, Long> ordered = new HashMap<>();
        lines.forEach(line -> ordered.put(line.sku(), line.quantity()));
        shipment.quantities().forEach((sku, quantity) -> {
            Long quantityOrdered = ordered.get(sku);
            if (quantityOrdered == null) {
                throw CommerceException.invalid("quantities", "name SKU " + sku + " that the order does not hold");
            }
            if (shippedQuantity(sku) + quantity > quantityOrdered) {
                throw CommerceException.invalid("quantities", "ship more of " + sku + " than is left to ship");
            }
        });
        List<Shipment> newShipments = new ArrayList<>(shipments);
        newShipments.add(shipment);
        boolean complete = lines.stream().allMatch(line -> line.quantity()
                == shippedQuantity(line.sku()) + shipment.quantities().getOrDefault(line.sku(), 0L));
        FulfillmentStatus newStatus = complete ? FulfillmentStatus.FULFILLED : FulfillmentStatus.PARTIALLY_FULFILLED;
        return next(status, paymentStatus, newStatus, payment, newShipments,
                transition(FULFILLMENT + fulfillmentStatus, FULFILLMENT + newStatus, shipment.shippedAt(),
                        actor));
    }

    /**
     * Records delivery of a fully shipped order, which completes it.
     *
     * @param at when
     * @param actor who
     * @return the {@link OrderStatus#COMPLETED} order
     * @throws CommerceException {@code INVALID_TRANSITION} unless confirmed and fully shipped
     */
    public Order deliver(Instant at, Actor actor) {
        if (fulfillmentStatus != FulfillmentStatus.FULFILLED) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + fulfillmentStatus
                    + " and cannot be delivered");
        }
        if (!status.canMoveTo(OrderStatus.COMPLETED)) {
            throw new CommerceException(ErrorCode.INVALID_TRANSITION, "order " + id + " is " + status
                    + " and cannot be completed");
        }
        List<OrderTransition> entries = transition(status.name(), OrderStatus.COMPLETED.name(), at, actor);
        entries.add(new OrderTransition(FULFILLMENT + fulfillmentStatus, FULFILLMENT + FulfillmentStatus.DELIVERED,
                at, Validate.notNull(actor, "actor").toString()));
        return next(OrderStatus.COMPLETED, paymentStatus, FulfillmentStatus.DELIVERED, payment, shipments, entries);
    }

    /**
     * Counts units put back in stock by a refund, each at most what its line has not returned yet.
     *
     * @param units the units by SKU, each a SKU of the order
     * @return the order with them counted, at the next version
     * @throws CommerceException {@code VALIDATION} (field {@code restock}) for a SKU the order does not hold or
     *     more units than its line can still return
     */
    public Order withReturned(Map<Sku, Long> units) {
        Validate.notNull(units, "restock");
        for (Sku sku : units.keySet()) {
            if (lines.stream().noneMatch(line -> line.sku().equals(sku))) {
                throw CommerceException.invalid("restock", "names SKU " + sku + " that the order does not hold");
            }
        }
        List<OrderLine> newLines = lines.stream()
                .map(line -> line.withReturned(units.getOrDefault(line.sku(), 0L))).toList();
        return new Order(id, customerId, email, guestSecretHash, currency, newLines, totals, shippingAddress,
                shippingOptionId, idempotencyKey, requestFingerprint, status, paymentStatus, fulfillmentStatus, payment,
                shipments, history, version + 1, placedAt, expiresAt);
    }

    /**
     * The events for the changes made since {@code earlier}, for an outbox to publish in the same transaction
     * that stores this order: {@link OrderPlaced} when it was confirmed by its payment (or placed confirmed, being
     * free), {@link OrderCancelled} when it was cancelled, {@link OrderFulfilled} for each shipment. Refunds are
     * recorded on the payment, not here, so {@link OrderRefunded} is not among them.
     *
     * @param earlier this order as it was read, before the changes
     * @return the events, oldest first; empty if none
     * @throws CommerceException {@code VALIDATION} if {@code earlier} is another order or a later version
     */
    public List<OrderEvent> eventsSince(Order earlier) {
        Validate.notNull(earlier, "earlier");
        if (!earlier.id.equals(id) || earlier.history.size() > history.size()
                || earlier.shipments.size() > shipments.size()) {
            throw CommerceException.invalid("earlier", "is not an earlier version of order " + id);
        }
        return eventsAfter(earlier.history.size(), earlier.shipments.size());
    }

    /** @return the events of every change in its history, for an order stored for the first time */
    List<OrderEvent> eventsOfPlacement() {
        return eventsAfter(0, 0);
    }

    private List<OrderEvent> eventsAfter(int historyIndex, int shipmentIndex) {
        List<OrderEvent> events = new ArrayList<>();
        int shipment = shipmentIndex;
        for (OrderTransition entry : history.subList(historyIndex, history.size())) {
            // Confirmed by its payment, or placed confirmed; not put back after a refused cancellation.
            if (entry.to().equals(OrderStatus.CONFIRMED.name()) && (entry.from().equals(NEW)
                    || entry.from().equals(OrderStatus.PENDING_PAYMENT.name()))) {
                events.add(new OrderPlaced(id, customerId, totals.grandTotal(), entry.at()));
            } else if (entry.to().equals(OrderStatus.CANCELLED.name())) {
                events.add(new OrderCancelled(id, Actor.parse(entry.actor()).who(), entry.at()));
            } else if (shipped(entry) && shipment < shipments.size()) {
                events.add(new OrderFulfilled(id, shipments.get(shipment++),
                        FulfillmentStatus.valueOf(entry.to().substring(FULFILLMENT.length())), entry.at()));
            }
        }
        return List.copyOf(events);
    }

    /** @return whether the entry records a shipment ({@link #ship}), as opposed to a delivery */
    private static boolean shipped(OrderTransition entry) {
        return entry.to().equals(FULFILLMENT + FulfillmentStatus.PARTIALLY_FULFILLED)
                || entry.to().equals(FULFILLMENT + FulfillmentStatus.FULFILLED);
    }

    private List<OrderTransition> transition(String from, String to, Instant at, Actor actor) {
        List<OrderTransition> entries = new ArrayList<>(history);
        entries.add(new OrderTransition(from, to, Validate.notNull(at, "at"), Validate.notNull(actor, "actor")
                .toString()));
        return entries;
    }

    private Order next(OrderStatus newStatus, OrderPaymentStatus newPaymentStatus, FulfillmentStatus newFulfillment,
            Optional<PaymentId> newPayment, List<Shipment> newShipments, List<OrderTransition> newHistory) {
        return new Order(id, customerId, email, guestSecretHash, currency, lines, totals, shippingAddress,
                shippingOptionId, idempotencyKey, requestFingerprint, newStatus, newPaymentStatus, newFulfillment,
                newPayment, newShipments, newHistory, version + 1, placedAt, expiresAt);
    }
}
