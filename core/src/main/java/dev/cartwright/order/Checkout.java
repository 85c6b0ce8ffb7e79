package dev.cartwright.order;

import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartLine;
import dev.cartwright.catalog.ProductOffer;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.payment.PaymentGatewayException;
import dev.cartwright.payment.PaymentMethod;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns carts (or lists of SKUs) into paid orders. Thread-safe.
 *
 * <p>Placing an order allocates, then confirms. First, with no transaction open, the lines are re-priced at the
 * catalog's prices, with the promotions and tax that apply. Transaction 1 then writes the order
 * {@link OrderStatus#PENDING_PAYMENT} with a pending payment (the order's insert claims the idempotency key),
 * redeems the promotions under the order id, sells the stock of every line to the order with one guarded statement
 * per SKU (all or nothing), and checks the cart out. Then, with no transaction open, the gateway authorizes (and,
 * with {@link CheckoutSettings#captureOnCheckout()}, captures) the payment under a key derived from the order, so
 * the gateway charges at most once however often it is asked. Transaction 2 records the answer: approved, the order
 * becomes {@link OrderStatus#CONFIRMED}; declined, the order stays payable with {@link #pay} and keeps its stock
 * until {@link #expireUnpaid()} cancels it and gives the stock back. A crash between the steps leaves an order
 * waiting for its payment, which {@link #recover()} or {@link #expireUnpaid()} finishes.
 *
 * <p>A checkout repeated with the same idempotency key and the same request returns the same order and never
 * charges again; the same key with another request fails with {@code CONFLICT} (field {@code idempotencyKey}).
 */
public final class Checkout {

    private final OrderSupport support;
    private final OrderPlacement placement;
    private final PaymentSettlement settlement;
    private final UnpaidExpiry expiry;
    private final Recovery recovery;

    Checkout(OrderSupport support, OrderPlacement placement, PaymentSettlement settlement, UnpaidExpiry expiry,
            Recovery recovery) {
        this.support = support;
        this.placement = placement;
        this.settlement = settlement;
        this.expiry = expiry;
        this.recovery = recovery;
    }

    /**
     * Places and pays an order from a cart.
     *
     * @param request the cart, buyer, address, shipping, payment method and idempotency key
     * @return the order: {@link OrderStatus#CONFIRMED} if the payment was approved (or none was needed, for a
     *     free order), {@link OrderStatus#PENDING_PAYMENT} with {@link OrderPaymentStatus#DECLINED} if it was
     *     declined, or {@link OrderStatus#CANCELLED} with the payment voided or refunded if it was approved only
     *     after the order had expired and its stock gone back; a repeat of the request with the same key, even one
     *     racing the first, returns the same order
     * @throws CommerceException {@code VALIDATION} for a bad request, an empty cart, an unknown shipping option or
     *     one that does not ship to the address; {@code NOT_FOUND} for an unknown cart or (field {@code sku}) a
     *     product no longer for sale; {@code FORBIDDEN} (field {@code cartId}) unless the cart admits the
     *     request's {@link CheckoutRequest#cartAccess()};
     *     {@code INVALID_TRANSITION} if the cart is not active; {@link PriceChangedException} ({@code CONFLICT})
     *     if prices changed and the request does not accept that; {@code CONFLICT} (field
     *     {@code idempotencyKey}) if the key was used for another request, or if the cart changed meanwhile;
     *     {@code INSUFFICIENT_STOCK} naming the short SKU; {@code LIMIT_EXCEEDED} if a promotion was used up
     *     while the order was placed (a cart's code that stopped applying since it was entered is left out, and
     *     the order placed without it, as the cart's price shows it);
     *     {@code IN_PROGRESS} (field {@code idempotencyKey}) while an earlier call with the same key is at the
     *     gateway; {@link PaymentGatewayException} if the gateway's answer is unknown: the order is kept, and a
     *     retry with the same key (or {@link #recover()}) learns the outcome without charging twice
     * @throws IllegalStateException if no payment gateway is configured
     */
    public Order placeOrder(CheckoutRequest request) {
        Validate.notNull(request, "request");
        Order order = placement.place(request.idempotencyKey(), request.fingerprint(), request.shippingAddress(),
                request.shippingOptionId(), request.paymentMethod(), request.acceptPriceChanges(), repositories -> {
                    Cart cart = repositories.carts().findById(request.cartId())
                            .orElseThrow(() -> CommerceException.notFound("cart", request.cartId()));
                    cart.requireAdmits(request.cartAccess());
                    if (!cart.isActive()) {
                        throw new CommerceException(ErrorCode.INVALID_TRANSITION, "cart " + cart.id() + " is "
                                + cart.status());
                    }
                    if (cart.lines().isEmpty()) {
                        throw CommerceException.invalid("lines", "cart " + cart.id() + " is empty");
                    }
                    List<OrderPlacement.Item> items = new ArrayList<>();
                    for (CartLine line : cart.lines()) {
                        items.add(new OrderPlacement.Item(line.sku(), line.productId(), line.name(), line.unitPrice(),
                                line.taxClass(), line.quantity()));
                    }
                    return new OrderPlacement.Draft(request.customerId(), request.email(), cart.guestSecretHash(),
                            cart.currency(), items,
                            cart.promotionCodes(), Optional.of(cart), Map.of());
                });
        return support.published(order);
    }

    /**
     * Places and pays an order for some SKUs at the catalog's current prices, without a cart.
     *
     * @param request the SKUs and quantities, codes, buyer, address, shipping, payment method and key
     * @return the order, as {@link #placeOrder(CheckoutRequest)} returns it
     * @throws CommerceException as {@link #placeOrder(CheckoutRequest)} does; {@code CURRENCY_MISMATCH} if the
     *     products are priced in different currencies; for the first promotion code, in the order given, that is
     *     refused, naming it by its index ({@code promotionCodes[i]}): {@code NOT_FOUND} if no promotion has it,
     *     {@code PROMOTION_NOT_APPLICABLE} if it does not apply to the order (not started, ended, used up, in
     *     another currency, or above the order's subtotal before discounts), {@code LIMIT_EXCEEDED} if the
     *     customer has used it up. Nothing is written then.
     * @throws IllegalStateException if no payment gateway is configured
     */
    public Order placeOrder(DirectOrderRequest request) {
        Validate.notNull(request, "request");
        Order order = placement.place(request.idempotencyKey(), request.fingerprint(), request.shippingAddress(),
                request.shippingOptionId(), request.paymentMethod(), false, repositories -> {
                    Map<Sku, ProductOffer> products = repositories.products().findOffers(request.quantities().keySet());
                    List<OrderPlacement.Item> items = new ArrayList<>();
                    Currency currency = null;
                    for (Map.Entry<Sku, Long> entry : request.quantities().entrySet()) {
                        ProductOffer product = products.get(entry.getKey());
                        if (product == null || !product.active()) {
                            throw new CommerceException(ErrorCode.NOT_FOUND, "sku",
                                    "product not for sale: " + entry.getKey(), null);
                        }
                        if (currency == null) {
                            currency = product.price().currency();
                        }
                        items.add(new OrderPlacement.Item(entry.getKey(), product.id(), product.name(), null,
                                product.taxClass(), entry.getValue()));
                    }
                    return new OrderPlacement.Draft(request.customerId(), request.email(), Optional.empty(), currency,
                            items, request.promotionCodes(), Optional.empty(), products);
                });
        return support.published(order);
    }

    /**
     * Pays an order again after its payment was declined (or failed), with another payment method. Only the
     * order's customer may, or for a guest's order placed from their cart, the holder of that cart's secret; a
     * guest's order placed without a cart cannot be paid again (the guest places a new one).
     *
     * @param payer who pays: the order's customer, or the guest with their cart's secret
     * @param id the order
     * @param method the new payment method
     * @param idempotencyKey the client's key for this attempt: repeating it never charges twice
     * @return the order, confirmed if the payment was approved
     * @throws CommerceException {@code VALIDATION} for a bad argument; {@code NOT_FOUND} for an unknown order;
     *     {@code FORBIDDEN} (field {@code orderId}) if the order is not the payer's; {@code INVALID_TRANSITION} if
     *     the order is not waiting for a new payment or has expired; {@code IN_PROGRESS} if an earlier call with
     *     this key is still at the gateway; {@link PaymentGatewayException} if the gateway's answer is unknown
     * @throws IllegalStateException if no payment gateway is configured
     */
    public Order pay(CartAccess payer, OrderId id, PaymentMethod method, String idempotencyKey) {
        Validate.notNull(payer, "payer");
        Validate.notNull(id, "orderId");
        Validate.notNull(method, "paymentMethod");
        Validate.notBlank(idempotencyKey, "idempotencyKey", 200);
        return support.published(settlement.pay(id, payer, method, idempotencyKey));
    }

    /**
     * Cancels the orders whose payment window is over without an approved payment, and releases their stock.
     * An order whose payment outcome is unknown is first looked up at the gateway; if the gateway never saw
     * it, the payment is failed. Handles up to 100 orders per call; call it periodically.
     *
     * @return how many orders were cancelled
     * @throws IllegalStateException if no payment gateway is configured
     */
    public int expireUnpaid() {
        return support.published(expiry.expireUnpaid());
    }

    /**
     * Completes checkouts interrupted between the gateway call and recording its answer (a crash, a time-out):
     * orders waiting with a pending payment ask the gateway what became of it by its key and record the
     * answer. A payment the gateway never saw stays pending for the customer's retry or
     * {@link #expireUnpaid()}. Also finishes cancellations that stopped at the gateway (orders left
     * {@link OrderStatus#CANCELLING}): their void or refund is sent again under the same key and the order
     * cancelled, or, if the gateway refuses, confirmed again. Handles up to 100 orders of each kind per call; a
     * gateway that does not answer is skipped.
     *
     * @return how many orders learned their payment's outcome or finished cancelling
     * @throws IllegalStateException if no payment gateway is configured
     */
    public int recover() {
        return support.published(recovery.recover());
    }
}
