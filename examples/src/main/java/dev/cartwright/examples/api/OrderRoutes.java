package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderCursor;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's orders (bearer token required):
 * <ul>
 * <li>{@code POST /orders} {@code {"userId", "products": [{"id", "quantity"}]}}: buys products at once, as the
 *     classic shop examples do. {@code userId} must be the token's customer ({@code FORBIDDEN} otherwise).
 *     Optional fields: {@code paymentToken} (default {@code tok_visa}), {@code shippingAddress} (default: pick-up
 *     at the shop in Berlin), {@code shippingOption} (default none), {@code promotionCodes}. The
 *     {@code Idempotency-Key} header is optional here: without it every call is a new order. Every quantity is a
 *     whole number of at least 1, checked per line (field {@code products[i].quantity}) before lines of one product
 *     are added up. Each promotion code is checked as on a cart, naming it by its index (field
 *     {@code promotionCodes[i]}): an unknown code is {@code NOT_FOUND} (404), one that does not apply to the order
 *     (not started, ended, used up, in another currency, below its minimum subtotal) {@code PROMOTION_NOT_APPLICABLE}
 *     (422), and one the customer has used up {@code LIMIT_EXCEEDED} (422). Answers {@code 201}.
 * <li>{@code GET /orders} (newest first; {@code ?limit=}, {@code ?cursor=} from {@code X-Next-Cursor}),
 *     {@code GET /orders/{id}};
 * <li>{@code POST /orders/{id}/payments} {@code {"paymentToken"}} with an {@code Idempotency-Key}: pays an order
 *     whose payment was declined; a second decline is {@code PAYMENT_DECLINED} (422) and the order stays payable;
 * <li>{@code POST /orders/{id}/cancel}: before it ships.
 * </ul>
 */
final class OrderRoutes {

    private final Commerce shop;
    private final Auth auth;
    private final ShopApi.Observer observer;

    OrderRoutes(Commerce shop, Auth auth, ShopApi.Observer observer) {
        this.shop = shop;
        this.auth = auth;
        this.observer = observer;
    }

    void register(Routes routes) {
        routes.post("/orders", this::place);
        routes.get("/orders", this::list);
        routes.get("/orders/{id}", ctx ->
                send(ctx, 200, shop.orders().get(auth.customer(ctx), orderId(ctx))));
        routes.post("/orders/{id}/payments", this::pay);
        routes.post("/orders/{id}/cancel", ctx ->
                send(ctx, 200, shop.orders().cancel(auth.customer(ctx), orderId(ctx))));
    }

    private void place(Exchange ctx) {
        CustomerId customer = auth.customer(ctx);
        Requests.PlaceOrder body = Json.read(ctx, Requests.PlaceOrder.class);
        if (body.userId() != null && !CustomerId.parse(body.userId()).equals(customer)) {
            throw new CommerceException(ErrorCode.FORBIDDEN, "userId", "orders can only be placed for yourself", null);
        }
        List<Requests.Item> items = Params.required(body.products(), "products");
        Map<Sku, Long> quantities = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Requests.Item item = Params.required(items.get(i), "products[" + i + "]");
            Product product = shop.catalog().get(ProductId.parse(Params.required(item.id(), "products[" + i + "].id")));
            Params.addQuantity(quantities, product.sku(), item.quantity(), "products[" + i + "].quantity");
        }
        // The core checks each code, naming promotionCodes[i]: its text, then whether it is known and applies.
        List<String> codes = Optional.ofNullable(body.promotionCodes()).orElse(List.of());
        String key = Params.optionalIdempotencyKey(ctx, "customer:" + customer)
                .orElseGet(() -> UUID.randomUUID().toString());
        Order order = shop.checkout().placeOrder(new DirectOrderRequest(quantities, codes, Optional.of(customer),
                Optional.empty(),
                body.shippingAddress() == null ? Addresses.PICK_UP : Addresses.of(body.shippingAddress()),
                Optional.ofNullable(body.shippingOption()),
                Addresses.payment(Optional.ofNullable(body.paymentToken()).orElse(SimulatedPaymentGateway.VISA)), key));
        observer.placed(order);
        ctx.header("Location", "/orders/" + order.id());
        send(ctx, 201, order);
    }

    private void list(Exchange ctx) {
        CustomerId customer = auth.customer(ctx);
        int limit = Params.intQuery(ctx, "limit").orElse(20);
        Optional<OrderCursor> after = Params.query(ctx, "cursor").map(OrderRoutes::decode);
        List<Order> orders = shop.orders().list(customer, after, limit);
        if (orders.size() == limit) {
            ctx.header("X-Next-Cursor", encode(OrderCursor.after(orders.get(orders.size() - 1))));
        }
        Json.send(ctx, 200, orders.stream().map(Views.OrderView::of).toList());
    }

    private void pay(Exchange ctx) {
        OrderId id = orderId(ctx);
        String key = Params.idempotencyKey(ctx, "order:" + id);
        Requests.Pay body = Json.read(ctx, Requests.Pay.class);
        Order paid = shop.checkout().pay(auth.shopper(ctx), id, Addresses.payment(body.paymentToken()), key);
        if (paid.paymentStatus() == OrderPaymentStatus.DECLINED || paid.paymentStatus() == OrderPaymentStatus.FAILED) {
            throw new CommerceException(ErrorCode.PAYMENT_DECLINED, "paymentToken",
                    "the payment was declined; order " + id + " can be paid with another card", null);
        }
        send(ctx, 200, paid);
    }

    private static OrderId orderId(Exchange ctx) {
        return OrderId.parse(ctx.pathParam("id"));
    }

    private static void send(Exchange ctx, int status, Order order) {
        Json.send(ctx, status, Views.OrderView.of(order));
    }

    private static String encode(OrderCursor cursor) {
        String text = cursor.placedAt() + "|" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static OrderCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new OrderCursor(Instant.parse(parts[0]), OrderId.parse(parts[1]));
        } catch (RuntimeException e) {
            throw CommerceException.invalid("cursor", "is not a cursor this API gave out");
        }
    }
}
