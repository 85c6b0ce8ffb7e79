package dev.cartwright.examples.micro;

import dev.cartwright.Commerce;
import dev.cartwright.Sweeper;
import dev.cartwright.examples.api.DemoShop;
import dev.cartwright.examples.api.ShopApi;
import dev.cartwright.examples.server.ApiServer;
import dev.cartwright.examples.server.Metrics;
import dev.cartwright.payment.PaymentGateway;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * order-service (port 8082): carts, pricing, checkout, orders and payments over its own store, with the same
 * {@code Checkout} as the monolith. What it does not keep it asks for over HTTP, each call with a timeout, bounded
 * retries and the caller's request id ({@link RemoteCalls}):
 * <ul>
 * <li>customers' tokens from user-service ({@code USER_SERVICE_URL}; {@link RemoteIdentities}, cached briefly);
 * <li>products from product-service ({@code PRODUCT_SERVICE_URL}; {@link RemoteProducts}, cached briefly, prices
 *     read afresh at checkout), and its stock held, sold and given back there under each order's id
 *     ({@link HttpStockService}, with the {@code SERVICE_TOKEN}).
 * </ul>
 * Routes: carts, {@code /orders...}, the staff's {@code /admin/orders...}, {@code /health} (with both services'
 * reachability) and {@code /metrics} (with the remote calls' timings and failures). Its sweeps
 * ({@link Commerce#runSweeps()}: recovery of checkouts a crash interrupted, expiry of unpaid orders, event
 * redelivery) run at start, before it takes requests, and then every 30 seconds ({@link Commerce#startSweeping});
 * several processes over one database may run them at once.
 */
public final class OrderService {

    /** Its name, in logs, metrics and health. */
    public static final String NAME = "order-service";
    /** How long a token's customer is used before user-service is asked again. */
    static final Duration TOKEN_FRESHNESS = Duration.ofSeconds(10);
    /** How long a product read by id or SKU is used before product-service is asked again. */
    static final Duration PRODUCT_FRESHNESS = Duration.ofSeconds(5);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    private OrderService() {
    }

    /**
     * Runs order-service from the environment until SIGTERM or Ctrl-C.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        RunningService service = start(ServiceSettings.fromEnvironment(System.getenv(),
                ServiceSettings.ORDER_SERVICE_PORT));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
    }

    /**
     * Starts it with the payment simulator ({@code tok_visa} approves, {@code tok_decline} declines).
     *
     * @param settings its port, store, tokens and the other services' URLs
     * @return the running service
     * @throws IllegalArgumentException if no service token is set
     */
    public static RunningService start(ServiceSettings settings) {
        return start(settings, new SimulatedPaymentGateway(), RemoteCalls.Settings.DEFAULT);
    }

    /**
     * @param settings its port, store, tokens and the other services' URLs
     * @param gateway the payment gateway (a test restarts the service with the same simulator, which stands for a
     *     card network that outlives the process)
     * @param remote timeouts and retries of the calls to the other services
     * @return the running service
     */
    public static RunningService start(ServiceSettings settings, PaymentGateway gateway, RemoteCalls.Settings remote) {
        String serviceToken = settings.serviceToken().orElseThrow(() -> new IllegalArgumentException(
                "SERVICE_TOKEN is required: the token product-service's stock routes accept"));
        ServiceStore store = ServiceStore.open(NAME, settings);
        try {
            Metrics metrics = new Metrics();
            RemoteCalls.Listener listener = new RemoteCalls.Listener() {
                @Override
                public void called(String target, String operation, String outcome, long nanos) {
                    metrics.remoteCall(target, operation, outcome, nanos);
                }

                @Override
                public void retrying(String target, String operation, int attempt, String reason) {
                    metrics.remoteRetry(target, operation);
                }
            };
            RemoteCalls products = new RemoteCalls(ProductService.NAME, settings.productServiceUrl(), serviceToken,
                    remote, listener);
            RemoteCalls users = new RemoteCalls(UserService.NAME, settings.userServiceUrl(), null, remote, listener);
            Commerce shop = Commerce.builder()
                    .store(new RemoteCatalogStore(store.store(), new RemoteProducts(products, PRODUCT_FRESHNESS)))
                    .stockService(new HttpStockService(products))
                    .taxPolicy(DemoShop.taxPolicy())
                    .shippingOptions(DemoShop.shippingOptions())
                    .paymentGateway(gateway)
                    .eventListener(metrics.paymentListener())
                    .build();
            DemoShop.seedPromotions(shop);
            // Before it takes requests, finish what a crash left (checkouts between the gateway and their record).
            shop.runSweeps();
            String adminToken = settings.adminToken().orElseGet(ServiceTokens::generate);
            ShopApi api = ShopApi.builder(shop, store.store())
                    .only(ShopApi.Section.CARTS, ShopApi.Section.ORDERS, ShopApi.Section.ORDER_ADMIN)
                    .identities(new RemoteIdentities(users, TOKEN_FRESHNESS))
                    .dependency(UserService.NAME, users::reachable)
                    .dependency(ProductService.NAME, products::reachable)
                    .adminToken(adminToken)
                    .observer(metrics)
                    .maxBodyBytes(settings.maxBodyBytes())
                    .build();
            ApiServer server = ApiServer.start(api, settings.port(), settings.maxBodyBytes(),
                    settings.trustedProxies());
            Sweeper sweeper = shop.startSweeping(SWEEP_EVERY);
            LOG.info("{} listening on http://localhost:{} (database {}; {} at {}, {} at {})", NAME, server.port(),
                    store.describe(), UserService.NAME, settings.userServiceUrl(), ProductService.NAME,
                    settings.productServiceUrl());
            if (settings.adminToken().isEmpty()) {
                LOG.info("{} admin token for this run (set ADMIN_TOKEN to choose one): {}", NAME, adminToken);
            }
            return new RunningService(NAME, server, adminToken, List.of(store, sweeper));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
