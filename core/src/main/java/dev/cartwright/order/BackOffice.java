package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What shop staff do with orders: capture, ship, mark delivered, refund and cancel. Every change is appended
 * to the order's history with the time and {@code "staff:" + staff}. Gateway calls happen outside any
 * transaction. Every capture and refund is an operation with its own key, given by the caller or made fresh:
 * repeating a call with its key does not move money twice, and two staff doing the same thing at the same
 * moment do it twice. Thread-safe.
 */
public final class BackOffice {

    private final OrderSupport support;
    private final CapturesAndRefunds money;
    private final Cancellation cancellation;

    BackOffice(OrderSupport support, CapturesAndRefunds money, Cancellation cancellation) {
        this.support = support;
        this.money = money;
        this.cancellation = cancellation;
    }

    /**
     * Captures part or the rest of a confirmed order's authorization.
     *
     * @param staff who does it
     * @param id the order
     * @param amount how much; empty for all that is left
     * @return the order with its new payment status
     * @throws CommerceException {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown order;
     *     {@code INVALID_TRANSITION} if nothing (or less) is capturable; {@code CURRENCY_MISMATCH};
     *     {@code PAYMENT_DECLINED}; {@link dev.cartwright.payment.PaymentGatewayException} if the answer is unknown
     */
    public Order capture(String staff, OrderId id, Optional<Money> amount) {
        return capture(staff, id, amount, support.newOperationKey());
    }

    /**
     * Captures part or the rest of a confirmed order's authorization as one identified operation: repeating the
     * call with the same {@code operationKey} (after a time-out, say) answers as the first call did and captures
     * nothing more, while any other key is another capture.
     *
     * @param staff who does it
     * @param id the order
     * @param amount how much; empty for all that is left
     * @param operationKey the caller's key for this capture, up to 100 characters
     * @return the order with its new payment status
     * @throws CommerceException as {@link #capture(String, OrderId, Optional)} does, and {@code CONFLICT} (field
     *     {@code operationKey}) if the key was used for another amount
     */
    public Order capture(String staff, OrderId id, Optional<Money> amount, String operationKey) {
        Actor actor = new Actor.Staff(staff);
        Validate.notNull(id, "orderId");
        Validate.notNull(amount, "amount");
        Validate.notBlank(operationKey, "operationKey", 100);
        return support.published(money.capture(id, amount, operationKey, actor));
    }

    /**
     * Records that some or all of the units left to ship were handed to a carrier.
     *
     * @param staff who does it
     * @param id the order
     * @param quantities the units shipped, by SKU
     * @param carrier the carrier
     * @param trackingNumber its tracking number
     * @return the order, {@link FulfillmentStatus#FULFILLED} once every unit shipped
     * @throws CommerceException {@code VALIDATION} for a bad argument or more units than are left;
     *     {@code NOT_FOUND} for an unknown order; {@code INVALID_TRANSITION} unless it is confirmed
     */
    public Order fulfil(String staff, OrderId id, Map<Sku, Long> quantities, String carrier, String trackingNumber) {
        Actor actor = new Actor.Staff(staff);
        Validate.notNull(id, "orderId");
        Validate.notNull(quantities, "quantities");
        Validate.notBlank(carrier, "carrier", 100);
        Validate.notBlank(trackingNumber, "trackingNumber", 100);
        Map<Sku, Long> copy = new TreeMap<>(quantities);
        new Shipment(copy, carrier, trackingNumber, support.now());
        return support.published(support.change(id,
                order -> order.ship(new Shipment(copy, carrier, trackingNumber, support.now()), actor)));
    }

    /**
     * Records that a fully shipped order was delivered, which completes it.
     *
     * @param staff who does it
     * @param id the order
     * @return the {@link OrderStatus#COMPLETED} order
     * @throws CommerceException {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown order;
     *     {@code INVALID_TRANSITION} unless it is confirmed and fully shipped
     */
    public Order markDelivered(String staff, OrderId id) {
        Actor actor = new Actor.Staff(staff);
        Validate.notNull(id, "orderId");
        return support.published(support.change(id, order -> order.deliver(support.now(), actor)));
    }

    /**
     * Refunds part or all of what was captured, optionally putting returned units back in stock.
     *
     * @param staff who does it
     * @param id the order
     * @param amount how much, positive and at most what is refundable
     * @param restock the units to receive back into stock by SKU, each at most the units ordered; empty for none
     * @return the order with its new payment status
     * @throws CommerceException {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown order;
     *     {@code INVALID_TRANSITION} if less is refundable; {@code CURRENCY_MISMATCH}; {@code PAYMENT_DECLINED};
     *     {@link dev.cartwright.payment.PaymentGatewayException} if the answer is unknown;
     *     {@link dev.cartwright.inventory.StockServiceException} if the stock is another service's and its answer to
     *     the restock is unknown, and then the money went back but the refund is not recorded: repeat it with
     *     {@link #refund(String, OrderId, Money, Map, String)} and its key, which refunds and restocks once
     */
    public Order refund(String staff, OrderId id, Money amount, Map<Sku, Long> restock) {
        return refund(staff, id, amount, restock, support.newOperationKey());
    }

    /**
     * Refunds as one identified operation: repeating the call with the same {@code operationKey} answers as the
     * first call did and refunds nothing more, while any other key is another refund, even of the same amount
     * at the same moment.
     *
     * @param staff who does it
     * @param id the order
     * @param amount how much, positive and at most what is refundable
     * @param restock the units to put back in stock by SKU; empty for none
     * @param operationKey the caller's key for this refund, up to 100 characters
     * @return the order with its new payment status
     * @throws CommerceException as {@link #refund(String, OrderId, Money, Map)} does, and {@code CONFLICT} (field
     *     {@code operationKey}) if the key was used for another amount
     */
    public Order refund(String staff, OrderId id, Money amount, Map<Sku, Long> restock, String operationKey) {
        Actor actor = new Actor.Staff(staff);
        Validate.notBlank(operationKey, "operationKey", 100);
        Validate.notNull(id, "orderId");
        Validate.notNull(amount, "amount");
        Validate.notNull(restock, "restock");
        restock.forEach((sku, quantity) -> {
            Validate.notNull(sku, "restock");
            Validate.notNull(quantity, "restock");
            Validate.positive(quantity, "restock");
        });
        return support.published(money.refund(id, amount, Map.copyOf(restock), operationKey, actor));
    }

    /**
     * Cancels an order before it ships, as {@link Orders#cancel} does, for any customer's order.
     *
     * @param staff who does it
     * @param id the order
     * @return the cancelled order
     * @throws CommerceException as {@link Orders#cancel} does, without {@code FORBIDDEN}
     */
    public Order cancel(String staff, OrderId id) {
        Actor actor = new Actor.Staff(staff);
        Validate.notNull(id, "orderId");
        return support.published(cancellation.cancel(id, actor, Optional.empty()));
    }

    /**
     * @param id an order
     * @return the order, whoever placed it
     * @throws CommerceException {@code VALIDATION} for a null id; {@code NOT_FOUND} for an unknown order
     */
    public Order get(OrderId id) {
        Validate.notNull(id, "orderId");
        return support.read(repositories -> OrderSupport.load(repositories, id));
    }
}
