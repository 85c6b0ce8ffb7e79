package dev.cartwright.examples.micro;

import dev.cartwright.Commerce;
import dev.cartwright.Sweeper;
import dev.cartwright.examples.api.DemoShop;
import dev.cartwright.examples.api.ShopApi;
import dev.cartwright.examples.server.ApiServer;
import dev.cartwright.examples.server.Metrics;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * product-service (port 8081): the catalog and its stock over its own store, seeded with the demo catalog on first
 * start. Routes: {@code GET /products}, {@code GET /products/{id}} as on the monolith, the staff's
 * {@code /admin/products...} routes, and for services only (the {@code SERVICE_TOKEN}): the stock holds of
 * {@link StockRoutes} (the core's {@code StockService}, which order-service's checkout calls) and
 * {@code GET /internal/products} ({@link ProductLookupRoutes}); {@code /health}, {@code /metrics}. A customer's
 * token on an admin route is {@code 403} as on the monolith, not {@code 401}: user-service ({@code USER_SERVICE_URL})
 * is asked whose it is ({@link RemoteIdentities}), only then.
 */
public final class ProductService {

    /** Its name, in logs, metrics and health. */
    public static final String NAME = "product-service";
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ProductService.class);

    private ProductService() {
    }

    /**
     * Runs product-service from the environment until SIGTERM or Ctrl-C.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        RunningService service = start(ServiceSettings.fromEnvironment(System.getenv(),
                ServiceSettings.PRODUCT_SERVICE_PORT));
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
    }

    /**
     * @param settings its port, store and tokens
     * @return the running service
     */
    public static RunningService start(ServiceSettings settings) {
        ServiceStore store = ServiceStore.open(NAME, settings);
        try {
            Metrics metrics = new Metrics();
            Commerce shop = Commerce.builder()
                    .store(store.store())
                    .eventListener(metrics.paymentListener())
                    .build();
            int created = DemoShop.seedCatalog(shop);
            if (created > 0) {
                LOG.info("first start: created the demo catalog ({} products)", created);
            }
            String adminToken = settings.adminToken().orElseGet(ServiceTokens::generate);
            String serviceToken = settings.serviceToken().orElseGet(() -> {
                String generated = ServiceTokens.generate();
                LOG.info("service token for this run (set SERVICE_TOKEN to choose one; order-service needs it): {}",
                        generated);
                return generated;
            });
            ServiceToken services = new ServiceToken(serviceToken);
            RemoteCalls users = new RemoteCalls(UserService.NAME, settings.userServiceUrl(), null,
                    RemoteCalls.Settings.DEFAULT, (target, operation, outcome, nanos) ->
                            metrics.remoteCall(target, operation, outcome, nanos));
            ShopApi api = ShopApi.builder(shop, store.store())
                    .only(ShopApi.Section.CATALOG, ShopApi.Section.CATALOG_ADMIN)
                    .identities(new RemoteIdentities(users, OrderService.TOKEN_FRESHNESS))
                    .routes(new StockRoutes(shop.stockService(), services)::register)
                    .routes(new ProductLookupRoutes(store.store(), services)::register)
                    .adminToken(adminToken)
                    .observer(metrics)
                    .maxBodyBytes(settings.maxBodyBytes())
                    .build();
            ApiServer server = ApiServer.start(api, settings.port(), settings.maxBodyBytes(),
                    settings.trustedProxies());
            // Its sweeps redeliver its events (low stock) whose delivery failed.
            Sweeper sweeper = shop.startSweeping(SWEEP_EVERY);
            LOG.info("{} listening on http://localhost:{} (database {})", NAME, server.port(), store.describe());
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
