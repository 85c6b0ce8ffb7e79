package dev.cartwright.examples.api;

import dev.cartwright.customer.Accounts;
import dev.cartwright.customer.CustomerId;

/**
 * Who a customer's bearer token belongs to. A shop that keeps its own accounts asks {@link Accounts}; a service whose
 * accounts live in another (order-service, whose customers log in at user-service) asks that service.
 */
@FunctionalInterface
public interface Identities {

    /**
     * @param token a session token, as the client sent it
     * @return the customer it belongs to
     * @throws dev.cartwright.error.CommerceException {@code UNAUTHENTICATED} if the token is unknown, expired or
     *     logged out
     */
    CustomerId authenticate(String token);

    /**
     * @param accounts the shop's accounts
     * @return identities read from them, in process
     */
    static Identities of(Accounts accounts) {
        return token -> accounts.authenticate(token).id();
    }
}
