package dev.cartwright.examples.micro;

import dev.cartwright.examples.server.TrustedProxies;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All three services in one process, for a demo: user-service on 8080, product-service on 8081, order-service on
 * 8082 (or free ports), each with its own store, with the URLs and one service token wired between them. The same
 * environment as each service's (a {@code DATABASE_URL} here would be shared by all three, so it is ignored: use
 * {@code DB_HOST} for a schema each on PostgreSQL, or nothing for an H2 file each). {@link #main} also puts an
 * {@link EdgeRouter} in front of them on {@code EDGE_PORT} (8000): the whole shop at one address. The edge runs on
 * this host, so each service trusts the loopback addresses (as well as its {@code TRUSTED_PROXIES}) to say who the
 * client is; the edge trusts {@code TRUSTED_PROXIES}, the load balancer in front of it, if any.
 */
public final class Microservices implements AutoCloseable {

    /** The edge's port when {@code EDGE_PORT} is unset. */
    public static final int EDGE_PORT = 8000;
    private static final Logger LOG = LoggerFactory.getLogger(Microservices.class);

    private final List<RunningService> services;

    private Microservices(List<RunningService> services) {
        this.services = List.copyOf(services);
    }

    /**
     * Runs the three from the environment until SIGTERM or Ctrl-C, with an {@link EdgeRouter} in front of them on
     * {@code EDGE_PORT} (8000), so the whole shop answers at one address as it would behind a gateway.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        Microservices running = start(
                ServiceSettings.fromEnvironment(environment, ServiceSettings.USER_SERVICE_PORT).withDatabaseUrl(null),
                ServiceSettings.fromEnvironment(environment, ServiceSettings.PRODUCT_SERVICE_PORT).withDatabaseUrl(null),
                ServiceSettings.fromEnvironment(environment, ServiceSettings.ORDER_SERVICE_PORT).withDatabaseUrl(null));
        EdgeRouter edge;
        try {
            edge = EdgeRouter.inFrontOf(running, edgePort(environment),
                    TrustedProxies.parse(environment.get("TRUSTED_PROXIES")));
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            edge.close();
            running.close();
        }, "shutdown"));
        LOG.info("the whole shop at one address, the edge in front of the three: curl http://localhost:{}/products",
                edge.port());
    }

    private static int edgePort(Map<String, String> environment) {
        String value = environment.getOrDefault("EDGE_PORT", "").trim();
        try {
            return value.isEmpty() ? EDGE_PORT : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EDGE_PORT must be a number, not " + value, e);
        }
    }

    /**
     * Starts user-service, then product-service, then order-service wired to the two. The {@code PORT} of each
     * settings is its own; the service token is the settings' (the same in all three) or one generated for the run.
     * Each trusts the loopback addresses, where an {@link EdgeRouter} in front of them runs, besides its own proxies.
     *
     * @param users user-service's settings
     * @param products product-service's settings (its user-service URL is replaced by the one started here)
     * @param orders order-service's settings (its URLs are replaced by the two started here)
     * @return the three, running
     */
    public static Microservices start(ServiceSettings users, ServiceSettings products, ServiceSettings orders) {
        String serviceToken = orders.serviceToken().orElseGet(ServiceTokens::generate);
        users = behindLocalEdge(users);
        products = behindLocalEdge(products);
        orders = behindLocalEdge(orders);
        List<RunningService> started = new ArrayList<>();
        try {
            RunningService user = UserService.start(users.withTokens(users.adminToken().orElse(null), serviceToken));
            started.add(user);
            RunningService product = ProductService.start(products
                    .withTokens(products.adminToken().orElse(null), serviceToken)
                    .withServices(local(user), products.productServiceUrl()));
            started.add(product);
            started.add(OrderService.start(orders.withTokens(orders.adminToken().orElse(null), serviceToken)
                    .withServices(local(user), local(product))));
            return new Microservices(started);
        } catch (RuntimeException e) {
            Collections.reverse(started);
            started.forEach(RunningService::close);
            throw e;
        }
    }

    private static ServiceSettings behindLocalEdge(ServiceSettings settings) {
        return settings.withTrustedProxies(settings.trustedProxies().and(List.of("127.0.0.1", "::1")));
    }

    private static URI local(RunningService service) {
        return URI.create("http://localhost:" + service.port());
    }

    /** @return user-service */
    public RunningService users() {
        return services.get(0);
    }

    /** @return product-service */
    public RunningService products() {
        return services.get(1);
    }

    /** @return order-service */
    public RunningService orders() {
        return services.get(2);
    }

    /** Stops order-service, then product-service, then user-service. */
    @Override
    public void close() {
        List<RunningService> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.forEach(RunningService::close);
    }
}
