package dev.cartwright.examples.api;

import dev.cartwright.cart.CartAccess;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <token>}: a customer's session token (from {@code POST /sessions}) or the
 * admin token. A missing or unknown token is {@code UNAUTHENTICATED} (401); a customer's token on an admin route
 * is {@code FORBIDDEN} (403).
 */
final class Auth {

    private final Identities identities;
    private final byte[] adminToken;

    Auth(Identities identities, String adminToken) {
        this.identities = identities;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the customer the bearer token belongs to */
    CustomerId customer(Exchange ctx) {
        return identities.authenticate(sessionToken(ctx));
    }

    /** @return the customer if a token is given, empty for a guest */
    Optional<CustomerId> optionalCustomer(Exchange ctx) {
        return token(ctx).map(identities::authenticate);
    }

    /** @return the session token of the request */
    String sessionToken(Exchange ctx) {
        return token(ctx).orElseThrow(() ->
                new CommerceException(ErrorCode.UNAUTHENTICATED, "a bearer token is required: log in with POST /sessions"));
    }

    /** @return the staff name for order history, after checking the admin token */
    String admin(Exchange ctx) {
        String token = token(ctx).orElseThrow(() ->
                new CommerceException(ErrorCode.UNAUTHENTICATED, "the admin bearer token is required"));
        if (MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return "admin";
        }
        identities.authenticate(token);
        throw new CommerceException(ErrorCode.FORBIDDEN, "admin routes need the admin token");
    }

    private static Optional<String> token(Exchange ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            throw new CommerceException(ErrorCode.UNAUTHENTICATED, "Authorization must be 'Bearer <token>'");
        }
        return Optional.of(header.substring(7).trim());
    }

    /**
     * Who shops in this request: a guest holding a cart's secret (the {@code Cart-Secret} header, which wins),
     * else the customer of the bearer token.
     *
     * @throws CommerceException {@code UNAUTHENTICATED} if the request carries neither
     */
    CartAccess shopper(Exchange ctx) {
        String secret = ctx.header(CartRoutes.CART_SECRET);
        if (secret != null) {
            return CartAccess.guest(secret);
        }
        return optionalCustomer(ctx).<CartAccess>map(CartAccess::customer)
                .orElseThrow(() -> new CommerceException(ErrorCode.UNAUTHENTICATED, "send the cart's "
                        + CartRoutes.CART_SECRET + " header (a guest) or a bearer token (a customer)"));
    }
}
