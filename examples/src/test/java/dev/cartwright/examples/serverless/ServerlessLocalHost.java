package dev.cartwright.examples.serverless;

import dev.cartwright.examples.api.ApiHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The function behind {@code serverless-local} on a random port as an {@link ApiHost}: every request travels as an
 * HTTP API event through {@link HttpApiHandler}, over a fresh in-memory store; closing it stops the server.
 */
record ServerlessLocalHost(ServerlessLocal local) implements ApiHost {

    static final String ADMIN = "test-admin-token";

    /** @return the function over a fresh in-memory shop with the demo catalog, served on a random port */
    static ServerlessLocalHost start() {
        try {
            return new ServerlessLocalHost(ServerlessLocal.start(0, new HttpApiHandler(ServerlessShop.build(
                    Map.of("ADMIN_TOKEN", ADMIN, "PASSWORD_ITERATIONS", "1000")))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI baseUri() {
        return URI.create("http://localhost:" + local.port());
    }

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public void close() {
        local.close();
    }
}
