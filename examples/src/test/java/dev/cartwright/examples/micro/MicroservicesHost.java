package dev.cartwright.examples.micro;

import dev.cartwright.examples.api.ApiHost;
import dev.cartwright.examples.server.TrustedProxies;
import java.net.URI;
import java.util.UUID;

/**
 * The three services on free ports, each over a fresh in-memory H2 database of its own, with one admin token and
 * the {@link EdgeRouter} in front as an {@link ApiHost}: the API contracts walk the shop at the edge's address as a
 * client of a deployment would. Closing it stops the edge, then the services.
 */
record MicroservicesHost(Microservices services, EdgeRouter edge) implements ApiHost {

    static final String ADMIN = "test-admin-token";

    /** @return the services and their edge, started */
    static MicroservicesHost start() {
        String run = UUID.randomUUID().toString();
        Microservices services = Microservices.start(settings(ServiceSettings.USER_SERVICE_PORT, "users-" + run),
                settings(ServiceSettings.PRODUCT_SERVICE_PORT, "products-" + run),
                settings(ServiceSettings.ORDER_SERVICE_PORT, "orders-" + run));
        try {
            return new MicroservicesHost(services, EdgeRouter.inFrontOf(services, 0, TrustedProxies.none()));
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private static ServiceSettings settings(int defaultPort, String database) {
        return ServiceSettings.defaults(defaultPort).withPort(0)
                .withDatabaseUrl("jdbc:h2:mem:" + database + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1")
                .withTokens(ADMIN, "test-service-token")
                .withPasswordIterations(1_000);
    }

    @Override
    public URI baseUri() {
        return edge.url();
    }

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public void close() {
        edge.close();
        services.close();
    }
}
