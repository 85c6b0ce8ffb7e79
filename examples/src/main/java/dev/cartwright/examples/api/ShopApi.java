package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.CommerceStore;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.order.Order;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's HTTP API, defined once for every host: the route table ({@link AccountRoutes}, {@link CatalogRoutes},
 * {@link CartRoutes}, {@link OrderRoutes}, {@link AdminRoutes}, {@link OpsRoutes} document their routes), and what
 * every call gets whatever carried it: a request id ({@code X-Request-Id}), {@code X-Content-Type-Options: nosniff}
 * and {@code Cache-Control: no-store}, a body size limit, and every failure as problem JSON ({@link Problems}):
 * an unknown path {@code 404}, a known path with another method {@code 405} with {@code Allow}. A host (the
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

    private final Routes routes;
    private final Observer observer;
    private final long maxBodyBytes;

    /**
     * @param shop the shop's services
     * @param store the store under them, which {@code GET /health} probes
     * @param adminToken the bearer token of the {@code /admin} routes
     * @param observer told of every call
     * @param maxBodyBytes the largest request body accepted; a larger one is {@code 413}
     */
    public ShopApi(Commerce shop, CommerceStore store, String adminToken, Observer observer, long maxBodyBytes) {
        this(new Routes(), observer, maxBodyBytes);
        Auth auth = new Auth(shop.accounts(), adminToken);
        new AccountRoutes(shop, auth).register(routes);
        new CatalogRoutes(shop).register(routes);
        new CartRoutes(shop, auth, observer).register(routes);
        new OrderRoutes(shop, auth, observer).register(routes);
        new AdminRoutes(shop, auth).register(routes);
        new OpsRoutes(store, observer).register(routes);
    }

    private ShopApi(Routes routes, Observer observer, long maxBodyBytes) {
        this.routes = routes;
        this.observer = observer;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * An API of other routes than the shop's, such as a service's in the microservices example, with all that
     * every call gets here: request ids, the usual headers, the body limit, problem JSON.
     *
     * @param routes the route table, filled; the API only reads it from now on
     * @param observer told of every call
     * @param maxBodyBytes the largest request body accepted; a larger one is {@code 413}
     * @return the API
     */
    public static ShopApi serving(Routes routes, Observer observer, long maxBodyBytes) {
        return new ShopApi(routes, observer, maxBodyBytes);
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
        } catch (Json.UnsupportedMediaType e) {
            Problems.send(exchange, 415, ErrorCode.VALIDATION.name(), "Content-Type", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} {} failed", exchange.requestId(), exchange.method(), exchange.path(), e);
            Problems.send(exchange, 500, "INTERNAL", null,
                    "an unexpected error occurred; quote the request id when reporting it");
        } finally {
            RequestIds.clear();
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

    private static void prepare(Exchange exchange) {
        RequestIds.assign(exchange);
        exchange.header("X-Content-Type-Options", "nosniff");
        exchange.header("Cache-Control", "no-store");
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
