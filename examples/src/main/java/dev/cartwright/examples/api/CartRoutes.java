package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.cart.CartLine;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.Order;
import dev.cartwright.pricing.Destination;
import dev.cartwright.pricing.Totals;
import java.util.Currency;
import java.util.Optional;

/**
 * Carts and checkout. A guest's cart is reached with the secret handed out once, in the {@value #CART_SECRET}
 * response header of the {@code POST /carts} that created it: send it back in a {@value #CART_SECRET} request
 * header. A customer's cart is reached with that customer's bearer token. A request with a {@value #CART_SECRET}
 * header acts as the guest; otherwise the bearer token is required ({@code UNAUTHENTICATED} without either);
 * anyone else's cart is {@code FORBIDDEN}. Every answer is the cart priced for {@code ?country=} (default DE),
 * {@code ?region=} and {@code ?shipping=} (a shipping option id; none by default).
 * <ul>
 * <li>{@code POST /carts}: a guest cart (its secret in the {@value #CART_SECRET} header), or the customer's
 *     active cart when a token is sent;
 * <li>{@code GET /carts/{id}};
 * <li>{@code POST /carts/{id}/lines} {@code {"productId", "quantity"}}, {@code PATCH} and {@code DELETE}
 *     {@code /carts/{id}/lines/{productId}};
 * <li>{@code POST /carts/{id}/merge} with the customer's bearer token and the guest cart's {@value #CART_SECRET}:
 *     the guest cart's lines join the customer's active cart (or it becomes theirs), as a login with
 *     {@code cartId} does; for a shop whose logins cannot see carts (the microservices, where login is
 *     user-service's). Answers the customer's cart; repeating it changes nothing.
 * <li>{@code POST /carts/{id}/promotion-codes} {@code {"code"}}, {@code DELETE /carts/{id}/promotion-codes/{code}};
 * <li>{@code POST /carts/{id}/checkout} with an {@code Idempotency-Key} header: {@code 201} with the order, which
 *     is {@code CONFIRMED}, or {@code PENDING_PAYMENT} with payment status {@code DECLINED} (pay it again with
 *     {@code POST /orders/{id}/payments}).
 * </ul>
 */
final class CartRoutes {

    /** The header that carries a guest cart's secret: in the answer that creates the cart, then in every request. */
    static final String CART_SECRET = "Cart-Secret";

    private final Commerce shop;
    private final Auth auth;
    private final ShopApi.Observer observer;

    CartRoutes(Commerce shop, Auth auth, ShopApi.Observer observer) {
        this.shop = shop;
        this.auth = auth;
        this.observer = observer;
    }

    void register(Routes routes) {
        routes.post("/carts", this::create);
        routes.get("/carts/{id}", ctx -> {
            CartAccess access = access(ctx);
            send(ctx, 200, access, shop.carts().get(access, cartId(ctx)));
        });
        routes.post("/carts/{id}/lines", this::addLine);
        routes.patch("/carts/{id}/lines/{productId}", this::changeLine);
        routes.delete("/carts/{id}/lines/{productId}", this::removeLine);
        routes.post("/carts/{id}/promotion-codes", this::applyCode);
        routes.delete("/carts/{id}/promotion-codes/{code}", this::removeCode);
        routes.post("/carts/{id}/checkout", this::checkout);
        routes.post("/carts/{id}/merge", this::merge);
    }

    private void create(Exchange ctx) {
        Optional<CustomerId> customer = auth.optionalCustomer(ctx);
        Currency currency = DemoShop.CURRENCY;
        if (ctx.bodyAsBytes().length > 0) {
            String code = Json.read(ctx, Requests.NewCart.class).currency();
            currency = code == null ? currency : Money.currency(code);
        }
        CartAccess access;
        Cart cart;
        if (customer.isPresent()) {
            access = CartAccess.customer(customer.get());
            Optional<Cart> active = shop.carts().activeCartOf(customer.get());
            cart = active.isPresent() ? active.get() : shop.carts().createFor(customer.get(), currency);
        } else {
            GuestCart created = shop.carts().create(currency);
            ctx.header(CART_SECRET, created.secret());
            access = created.access();
            cart = created.cart();
        }
        ctx.header("Location", "/carts/" + cart.id());
        send(ctx, 201, access, cart);
    }

    private void addLine(Exchange ctx) {
        CartAccess access = access(ctx);
        Requests.AddLine body = Json.read(ctx, Requests.AddLine.class);
        Product product = shop.catalog().get(ProductId.parse(Params.required(body.productId(), "productId")));
        send(ctx, 200, access, shop.carts().add(access, cartId(ctx), product.sku(),
                Params.required(body.quantity(), "quantity")));
    }

    private void changeLine(Exchange ctx) {
        CartAccess access = access(ctx);
        Cart cart = shop.carts().get(access, cartId(ctx));
        Requests.ChangeQuantity body = Json.read(ctx, Requests.ChangeQuantity.class);
        send(ctx, 200, access, shop.carts().changeQuantity(access, cart.id(), lineSku(ctx, cart),
                Params.required(body.quantity(), "quantity")));
    }

    private void removeLine(Exchange ctx) {
        CartAccess access = access(ctx);
        Cart cart = shop.carts().get(access, cartId(ctx));
        send(ctx, 200, access, shop.carts().remove(access, cart.id(), lineSku(ctx, cart)));
    }

    private void applyCode(Exchange ctx) {
        CartAccess access = access(ctx);
        Requests.PromotionCode body = Json.read(ctx, Requests.PromotionCode.class);
        send(ctx, 200, access, shop.carts().applyPromotionCode(access, cartId(ctx),
                Params.required(body.code(), "code")));
    }

    private void removeCode(Exchange ctx) {
        CartAccess access = access(ctx);
        send(ctx, 200, access, shop.carts().removePromotionCode(access, cartId(ctx), ctx.pathParam("code")));
    }

    private void merge(Exchange ctx) {
        String secret = ctx.header(CART_SECRET);
        if (secret == null) {
            throw new CommerceException(ErrorCode.UNAUTHENTICATED, CART_SECRET,
                    "send the guest cart's " + CART_SECRET + " header", null);
        }
        CustomerId customer = auth.customer(ctx);
        Cart merged = shop.carts().merge(CartAccess.guest(secret), cartId(ctx), customer);
        send(ctx, 200, CartAccess.customer(customer), merged);
    }

    private void checkout(Exchange ctx) {
        CartAccess access = access(ctx);
        CartId cartId = cartId(ctx);
        String key = Params.idempotencyKey(ctx, Params.scope(access, cartId.toString()));
        Requests.Checkout body = Json.read(ctx, Requests.Checkout.class);
        CheckoutRequest request = new CheckoutRequest(cartId, access, Optional.ofNullable(body.email()),
                Addresses.of(body.shippingAddress()), Optional.ofNullable(body.shippingOption()),
                Addresses.payment(body.paymentToken()), key, Boolean.TRUE.equals(body.acceptPriceChanges()));
        Order order = shop.checkout().placeOrder(request);
        observer.placed(order);
        ctx.header("Location", "/orders/" + order.id());
        Json.send(ctx, 201, Views.OrderView.of(order));
    }

    /**
     * @return who acts on the path's cart: the guest holding the {@value #CART_SECRET} header if one is sent, else
     *     the customer of the bearer token; the library checks that the cart admits them
     */
    private CartAccess access(Exchange ctx) {
        return auth.shopper(ctx);
    }

    private static CartId cartId(Exchange ctx) {
        return CartId.parse(ctx.pathParam("id"));
    }

    private static Sku lineSku(Exchange ctx, Cart cart) {
        ProductId product = ProductId.parse(ctx.pathParam("productId"));
        return cart.lines().stream().filter(line -> line.productId().equals(product)).map(CartLine::sku).findFirst()
                .orElseThrow(() -> new CommerceException(ErrorCode.NOT_FOUND, "productId",
                        "cart " + cart.id() + " has no line for product " + product, null));
    }

    private void send(Exchange ctx, int status, CartAccess access, Cart cart) {
        Destination destination = new Destination(Params.query(ctx, "country").orElse(DemoShop.HOME_COUNTRY),
                Params.query(ctx, "region"));
        Optional<String> shipping = Params.query(ctx, "shipping");
        Totals totals = shipping.isPresent() ? shop.carts().price(access, cart.id(), destination, shipping.get())
                : shop.carts().price(access, cart.id(), destination);
        Json.send(ctx, status, Views.CartView.of(cart, totals));
    }
}
