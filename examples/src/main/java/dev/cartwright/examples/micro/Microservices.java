package dev.cartwright.examples.micro;

import dev.cartwright.examples.server.TrustedProxies;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All three services in one process, for a demo: user-service on 8080, product-service on 8081, order-service on
 * 8082 (or free ports), each with its own store, with the URLs and one service token wired between them. The same
 * environment as each service's, but for {@code PORT} and {@code DATABASE_URL}, which would be shared by all three
 * and are ignored: the ports are {@code USER_SERVICE_PORT}, {@code PRODUCT_SERVICE_PORT} and
 * {@code ORDER_SERVICE_PORT}; use {@code DB_HOST} for a schema each on PostgreSQL, or nothing for an H2 file each.
 * {@link #main} also puts an {@link EdgeRouter} in front of them on {@code EDGE_PORT} (8000): the whole shop at one address. The edge runs on
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
        List<ServiceSettings> settings = settingsFrom(environment);
        Microservices running = start(settings.get(0), settings.get(1), settings.get(2));
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

    /**
     * Reads the three services' settings from one environment, as {@link #main} does: {@code PORT} and
     * {@code DATABASE_URL} would be one port and one database for three, so they are ignored; each service listens on
     * {@code USER_SERVICE_PORT}, {@code PRODUCT_SERVICE_PORT} or {@code ORDER_SERVICE_PORT} (8080, 8081, 8082).
     *
     * @param environment the environment, such as {@link System#getenv()}
     * @return user-service's, product-service's and order-service's settings, in that order
     * @throws IllegalArgumentException if a value is malformed
     */
    static List<ServiceSettings> settingsFrom(Map<String, String> environment) {
        if (environment.containsKey("PORT") || environment.containsKey("DATABASE_URL")) {
            LOG.warn("PORT and DATABASE_URL are each service's own; the three started together ignore them (use "
                    + "USER_SERVICE_PORT, PRODUCT_SERVICE_PORT, ORDER_SERVICE_PORT and DB_HOST)");
        }
        return List.of(serviceSettings(environment, "USER_SERVICE_PORT", ServiceSettings.USER_SERVICE_PORT),
                serviceSettings(environment, "PRODUCT_SERVICE_PORT", ServiceSettings.PRODUCT_SERVICE_PORT),
                serviceSettings(environment, "ORDER_SERVICE_PORT", ServiceSettings.ORDER_SERVICE_PORT));
    }

    private static ServiceSettings serviceSettings(Map<String, String> environment, String portVariable,
            int defaultPort) {
        Map<String, String> own = new HashMap<>(environment);
        own.remove("DATABASE_URL");
        own.remove("PORT");
        String port = environment.get(portVariable);
        if (port != null) {
            own.put("PORT", port);
        }
        try {
            return ServiceSettings.fromEnvironment(own, defaultPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^PORT", portVariable), e);
        }
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
