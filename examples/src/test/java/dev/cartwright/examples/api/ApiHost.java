package dev.cartwright.examples.api;

import java.net.URI;

/**
 * A running host of the shop's API that the API contracts walk over real HTTP: the monolith, the function behind
 * {@code serverless-local}, and whatever carries {@link ShopApi} next.
 */
public interface ApiHost extends AutoCloseable {

    /** @return where the API answers, without a trailing slash, e.g. {@code http://localhost:41234} */
    URI baseUri();

    /** @return the bearer token of the admin routes */
    String adminToken();

    /** Stops the host. */
    @Override
    void close();
}
