package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.customer.Customer;
import dev.cartwright.customer.Email;
import dev.cartwright.customer.Login;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts: {@code POST /users} (register), {@code POST /sessions} (log in; merges a guest cart given as
 * {@code cartId} with its secret in the {@value CartRoutes#CART_SECRET} header), {@code DELETE /sessions/current}
 * (log out), {@code GET /users/me}. Both calls that hash a password ask the {@link LoginThrottle} first (a login for
 * its account and client address, a registration for its address) and are refused {@code 429} with
 * {@code Retry-After} over budget, before any hashing; then they hash in one of the {@link HashingSlots}, or are
 * refused {@code 503} when none comes free.
 */
final class AccountRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);

    private final Commerce shop;
    private final Auth auth;
    private final LoginThrottle throttle;
    private final HashingSlots hashing;

    AccountRoutes(Commerce shop, Auth auth, LoginThrottle throttle, HashingSlots hashing) {
        this.shop = shop;
        this.auth = auth;
        this.throttle = throttle;
        this.hashing = hashing;
    }

    void register(Routes routes) {
        routes.post("/users", this::registerUser);
        routes.post("/sessions", this::logIn);
        routes.delete("/sessions/current", this::logOut);
        routes.get("/users/me", this::me);
    }

    private void registerUser(Exchange ctx) {
        Requests.Register body = Json.read(ctx, Requests.Register.class);
        admit(throttle.tryRegister(ctx.clientAddress()));
        Customer customer;
        try {
            customer = hashing.run(() -> shop.accounts().register(body.email(), body.password(), body.name()));
        } catch (CommerceException e) {
            if (e.code() == ErrorCode.VALIDATION) {
                // Accounts checks a registration's input before it hashes: nothing was spent.
                throttle.refundRegistration(ctx.clientAddress());
            }
            throw e;
        } catch (ThrottledException e) {
            throttle.refundRegistration(ctx.clientAddress());
            throw e;
        }
        ctx.header("Location", "/users/me");
        Json.send(ctx, 201, Views.User.of(customer));
    }

    private void logIn(Exchange ctx) {
        Requests.LogIn body = Json.read(ctx, Requests.LogIn.class);
        Optional<CartId> guestCart = Optional.ofNullable(body.cartId()).map(CartId::parse);
        Login login = logIn(ctx, body.email(), body.password());
        Optional<String> secret = Optional.ofNullable(ctx.header(CartRoutes.CART_SECRET));
        Optional<Cart> cart = guestCart.flatMap(id -> merge(id, secret, login.customer()));
        if (cart.isEmpty()) {
            cart = shop.carts().activeCartOf(login.customer().id());
        }
        Json.send(ctx, 201, new Views.Session(login.token(), login.expiresAt().toString(),
                login.customer().id().toString(), cart.map(found -> found.id().toString()).orElse(null)));
    }

    /** Logs in within the throttle's budget and a hashing slot. */
    private Login logIn(Exchange ctx, String email, String password) {
        if (email == null || password == null) {
            return shop.accounts().login(email, password); // refused as invalid before any hashing
        }
        String account = account(email);
        admit(throttle.tryLogin(account, ctx.clientAddress()));
        Login login;
        try {
            login = hashing.run(() -> shop.accounts().login(email, password));
        } catch (ThrottledException e) {
            throttle.refundLogin(account, ctx.clientAddress());
            throw e;
        }
        throttle.loggedIn(account, ctx.clientAddress());
        return login;
    }

    /** @return the account a login names, normalised as {@link Email} stores it, so case and spaces do not reset it */
    private static String account(String email) {
        try {
            return Email.of(email).value();
        } catch (CommerceException e) {
            return email.strip().toLowerCase(Locale.ROOT);
        }
    }

    private static void admit(LoginThrottle.Decision decision) {
        if (!decision.admitted()) {
            throw ThrottledException.tooManyAttempts(decision.retryAfter());
        }
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
