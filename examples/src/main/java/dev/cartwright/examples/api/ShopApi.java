package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.order.Order;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's HTTP API, defined once for every host: the route table ({@link AccountRoutes}, {@link CatalogRoutes},
 * {@link CartRoutes}, {@link OrderRoutes}, {@link AdminRoutes}, {@link OpsRoutes} document their routes), and what
 * every call gets whatever carried it: a request id ({@code X-Request-Id}), {@code X-Content-Type-Options: nosniff},
 * {@code Cache-Control: no-store}, {@code Content-Security-Policy: default-src 'none'; frame-ancestors 'none'},
 * {@code Referrer-Policy: no-referrer}, {@code Strict-Transport-Security} when the request came over TLS
 * ({@link Exchange#secure()}), a body size limit, and every failure as problem JSON ({@link Problems}):
 * an unknown path {@code 404}, a known path with another method {@code 405} with {@code Allow}; limits on
 * password guessing and on the CPU spent hashing passwords ({@link LoginThrottle}, {@link HashingSlots}), answered
 * {@code 429} or {@code 503} with {@code Retry-After}. {@code HEAD} is
 * answered wherever {@code GET} is, with the status and headers {@code GET} would have and no body. A host (the
 * monolith's server, the Lambda handler, {@code serverless-local}) only turns what it received into an
 * {@link Exchange} and back. Thread-safe.
 */
public final class ShopApi {

    /** What a host may want to know of the calls, such as metrics. */
    public interface Observer {

        /** Observes nothing; {@code GET /metrics} answers an empty page. */
        Observer NONE = new Observer() {
        };

        /**
         * A call was answered.
         *
         * @param exchange the call, with its response and, if one matched, its route
         * @param nanos how long the API took to answer it
         */
        default void answered(Exchange exchange, long nanos) {
        }

        /** An order was placed through the API. */
        default void placed(Order order) {
        }

        /** @return the metrics page of {@code GET /metrics}, in Prometheus text format */
        default String scrape() {
            return "";
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ShopApi.class);

    private final Routes routes = new Routes();
    private final Observer observer;
    private final long maxBodyBytes;

    /** The groups of routes a host can serve; a monolith serves them all, a microservice its own. */
    public enum Section {
        /** {@link AccountRoutes}: register, log in and out, {@code GET /users/me}. */
        ACCOUNTS,
        /** {@link CatalogRoutes}: {@code GET /products}, {@code GET /products/{id}}. */
        CATALOG,
        /** {@link CartRoutes}: carts and their checkout. */
        CARTS,
        /** {@link OrderRoutes}: a customer's orders. */
        ORDERS,
        /** {@link AdminRoutes}' products and stock. */
        CATALOG_ADMIN,
        /** {@link AdminRoutes}' orders. */
        ORDER_ADMIN
    }

    private ShopApi(Builder builder) {
        this.observer = builder.observer;
        this.maxBodyBytes = builder.maxBodyBytes;
        Commerce shop = builder.shop;
        Auth auth = new Auth(builder.identities == null ? Identities.of(shop.accounts()) : builder.identities,
                builder.adminToken);
        if (builder.sections.contains(Section.ACCOUNTS)) {
            new AccountRoutes(shop, auth, builder.loginThrottle,
                    new HashingSlots(builder.hashingSlots, builder.hashingWait)).register(routes);
        }
        if (builder.sections.contains(Section.CATALOG)) {
            new CatalogRoutes(shop).register(routes);
        }
        if (builder.sections.contains(Section.CARTS)) {
            new CartRoutes(shop, auth, observer).register(routes);
        }
        if (builder.sections.contains(Section.ORDERS)) {
            new OrderRoutes(shop, auth, observer).register(routes);
        }
        new AdminRoutes(shop, auth).register(routes, builder.sections.contains(Section.CATALOG_ADMIN),
                builder.sections.contains(Section.ORDER_ADMIN));
        builder.extraRoutes.forEach(extra -> extra.accept(routes));
        new OpsRoutes(builder.store, builder.dependencies, observer).register(routes);
    }

    /**
     * @param shop the shop's services
     * @param store the store under them, which {@code GET /health} probes
     * @return a builder of the API over them: every section, the admin routes behind {@code adminToken}
     */
    public static Builder builder(Commerce shop, CommerceStore store) {
        return new Builder(shop, store);
    }

    /** Chooses what an API serves and how; {@link #adminToken(String)} is required. */
    public static final class Builder {

        private final Commerce shop;
        private final CommerceStore store;
        private final EnumSet<Section> sections = EnumSet.allOf(Section.class);
        private final List<Consumer<Routes>> extraRoutes = new ArrayList<>();
        private final Map<String, BooleanSupplier> dependencies = new LinkedHashMap<>();
        private String adminToken;
        private Identities identities;
        private Observer observer = Observer.NONE;
        private long maxBodyBytes = 64 * 1024;
        private LoginThrottle loginThrottle;
        private int hashingSlots = Runtime.getRuntime().availableProcessors();
        private Duration hashingWait = Duration.ofMillis(500);

        private Builder(Commerce shop, CommerceStore store) {
            this.shop = Objects.requireNonNull(shop, "shop");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * @param token the bearer token of the {@code /admin} routes
         * @return this builder
         */
        public Builder adminToken(String token) {
            this.adminToken = Objects.requireNonNull(token, "adminToken");
            return this;
        }

        /**
         * @param served the sections to serve, possibly none (a service of {@link #routes} alone)
         * @return this builder, serving only those sections (and {@code /health}, {@code /metrics}); all by default
         */
        public Builder only(Section... served) {
            sections.clear();
            sections.addAll(Arrays.asList(served));
            return this;
        }

        /**
         * @param routes registers routes of the host's own on the table, such as a service's internal API
         * @return this builder
         */
        public Builder routes(Consumer<Routes> routes) {
            extraRoutes.add(Objects.requireNonNull(routes, "routes"));
            return this;
        }

        /**
         * @param tokens who customers' bearer tokens belong to; by default the shop's own {@code accounts()}
         * @return this builder
         */
        public Builder identities(Identities tokens) {
            this.identities = Objects.requireNonNull(tokens, "identities");
            return this;
        }

        /**
         * @param name a service this one depends on, as {@code GET /health} names it
         * @param reachable answers whether it is reachable now, quickly (a second at most)
         * @return this builder
         */
        public Builder dependency(String name, BooleanSupplier reachable) {
            dependencies.put(name, Objects.requireNonNull(reachable, "reachable"));
            return this;
        }

        /**
         * @param callObserver told of every call
         * @return this builder
         */
        public Builder observer(Observer callObserver) {
            this.observer = Objects.requireNonNull(callObserver, "observer");
            return this;
        }

        /**
         * @param bytes the largest request body accepted (64 KiB by default); a larger one is {@code 413}
         * @return this builder
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * @param throttle what limits failed logins and registrations; by default
         *     {@code LoginThrottle.inProcess(LoginLimits.DEFAULT)}, made for this API alone
         * @return this builder
         */
        public Builder loginThrottle(LoginThrottle throttle) {
            this.loginThrottle = Objects.requireNonNull(throttle, "loginThrottle");
            return this;
        }

        /**
         * @param slots how many logins and registrations may hash a password at once; by default as many as the
         *     machine has cores
         * @param wait how long one waits for a free slot before it is answered {@code 503}; half a second by default
         * @return this builder
         */
        public Builder hashingSlots(int slots, Duration wait) {
            if (slots < 1 || wait.isNegative()) {
                throw new IllegalArgumentException("hashing needs at least one slot and a wait of zero or more");
            }
            this.hashingSlots = slots;
            this.hashingWait = wait;
            return this;
        }

        /** @return the API */
        public ShopApi build() {
            if (adminToken == null) {
                throw new IllegalStateException("adminToken is required");
            }
            if (loginThrottle == null) {
                loginThrottle = LoginThrottle.inProcess(LoginLimits.DEFAULT);
            }
            return new ShopApi(this);
        }
    }

    /** @return every route, such as {@code GET /products/{id}}, in the order matched */
    public List<String> routes() {
        return routes.describe();
    }

    /**
     * Answers a call: sets the exchange's status, headers and body. Never throws: a failure is answered as
     * problem JSON, and one no route expected is logged and answered {@code 500}.
     *
     * @param exchange the call
     */
    public void handle(Exchange exchange) {
        long start = System.nanoTime();
        prepare(exchange);
        RequestIds.bind(exchange.requestId());
        try {
            dispatch(exchange);
        } catch (CommerceException e) {
            int status = Problems.STATUS.get(e.code());
            if (status >= 500) {
                LOG.warn("{} {} failed: {}", exchange.requestId(), exchange.path(), e.toString());
            }
            if (e.code() == ErrorCode.UNAUTHENTICATED) {
                exchange.header("WWW-Authenticate", "Bearer");
            }
            Problems.send(exchange, e);
        } catch (DependencyUnavailableException e) {
            LOG.warn("{} {} {}: {}", exchange.requestId(), exchange.method(), exchange.path(), e.getMessage());
            exchange.header("Retry-After", "2");
            Problems.send(exchange, 503, "SERVICE_UNAVAILABLE", null,
                    "a service this request needs did not answer; retry later");
        } catch (ThrottledException e) {
            exchange.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            Problems.send(exchange, e.status(), e.code(), null, e.getMessage());
        } catch (Json.UnsupportedMediaType e) {
            Problems.send(exchange, 415, ErrorCode.VALIDATION.name(), "Content-Type", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} {} failed", exchange.requestId(), exchange.method(), exchange.path(), e);
            Problems.send(exchange, 500, "INTERNAL", null,
                    "an unexpected error occurred; quote the request id when reporting it");
        } finally {
            RequestIds.clear();
        }
        if (exchange.method().equals("HEAD")) {
            exchange.header("Content-Length", String.valueOf(exchange.result().length));
            exchange.result(new byte[0]);
        }
        observer.answered(exchange, System.nanoTime() - start);
    }

    /**
     * Answers a call that the host's transport refused before the API could see it (a body over its server's
     * limit, say) as the API would have: problem JSON with the usual headers.
     *
     * @param exchange the call, with what could be read of it
     * @param status the status the transport met, such as {@code 413}
     */
    public void refuse(Exchange exchange, int status) {
        prepare(exchange);
        Problems.transport(exchange, status);
        observer.answered(exchange, 0);
    }

    /** Gives the call its request id and the headers every answer carries. */
    static void prepare(Exchange exchange) {
        RequestIds.assign(exchange);
        exchange.header("X-Content-Type-Options", "nosniff");
        exchange.header("Cache-Control", "no-store");
        // An API answers data, never a page: nothing it sends may load resources, be framed, or leak its URL onward.
        exchange.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        exchange.header("Referrer-Policy", "no-referrer");
        if (exchange.secure()) {
            exchange.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    private void dispatch(Exchange exchange) {
        if (exchange.bodyLength() > maxBodyBytes) {
            Problems.send(exchange, 413, ErrorCode.VALIDATION.name(), "body", "the request body is too large");
            return;
        }
        Routes.Match match = routes.match(exchange.method(), exchange.path());
        if (match instanceof Routes.Found found) {
            exchange.matched(found.pattern(), found.params());
            for (Routes.Handler filter : found.filters()) {
                filter.handle(exchange);
            }
            found.handler().handle(exchange);
        } else if (match instanceof Routes.MethodNotAllowed other) {
            exchange.header("Allow", String.join(", ", other.allowed()));
            Problems.send(exchange, 405, ErrorCode.NOT_FOUND.name(), null,
                    exchange.method() + " is not allowed on " + exchange.path());
        } else {
            Problems.send(exchange, 404, ErrorCode.NOT_FOUND.name(), null,
                    "no such route: " + exchange.method() + " " + exchange.path());
        }
    }
}
