package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.customer.Customer;
import dev.cartwright.customer.Login;
import dev.cartwright.error.CommerceException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts: {@code POST /users} (register), {@code POST /sessions} (log in; merges a guest cart given as
 * {@code cartId} with its secret in the {@value CartRoutes#CART_SECRET} header), {@code DELETE /sessions/current}
 * (log out), {@code GET /users/me}.
 */
final class AccountRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);

    private final Commerce shop;
    private final Auth auth;

    AccountRoutes(Commerce shop, Auth auth) {
        this.shop = shop;
        this.auth = auth;
    }

    void register(Routes routes) {
        routes.post("/users", this::registerUser);
        routes.post("/sessions", this::logIn);
        routes.delete("/sessions/current", this::logOut);
        routes.get("/users/me", this::me);
    }

    private void registerUser(Exchange ctx) {
        Requests.Register body = Json.read(ctx, Requests.Register.class);
        Customer customer = shop.accounts().register(body.email(), body.password(), body.name());
        ctx.header("Location", "/users/me");
        Json.send(ctx, 201, Views.User.of(customer));
    }

    private void logIn(Exchange ctx) {
        Requests.LogIn body = Json.read(ctx, Requests.LogIn.class);
        Optional<CartId> guestCart = Optional.ofNullable(body.cartId()).map(CartId::parse);
        Login login = shop.accounts().login(body.email(), body.password());
        Optional<String> secret = Optional.ofNullable(ctx.header(CartRoutes.CART_SECRET));
        Optional<Cart> cart = guestCart.flatMap(id -> merge(id, secret, login.customer()));
        if (cart.isEmpty()) {
            cart = shop.carts().activeCartOf(login.customer().id());
        }
        Json.send(ctx, 201, new Views.Session(login.token(), login.expiresAt().toString(),
                login.customer().id().toString(), cart.map(found -> found.id().toString()).orElse(null)));
    }

    private Optional<Cart> merge(CartId guestCart, Optional<String> secret, Customer customer) {
        if (secret.isEmpty()) {
            LOG.info("guest cart {} not merged at login: no {} header", guestCart, CartRoutes.CART_SECRET);
            return Optional.empty();
        }
        try {
            return Optional.of(shop.carts().merge(CartAccess.guest(secret.get()), guestCart, customer.id()));
        } catch (CommerceException e) {
            // The login stands; a cart that cannot be merged (gone, not a guest's, a wrong secret) is only left out.
            LOG.info("guest cart {} not merged at login: {}", guestCart, e.getMessage());
            return Optional.empty();
        }
    }

    private void logOut(Exchange ctx) {
        shop.accounts().logout(auth.sessionToken(ctx));
        ctx.status(204);
    }

    private void me(Exchange ctx) {
        Json.send(ctx, 200, Views.User.of(shop.accounts().authenticate(auth.sessionToken(ctx))));
    }
}
