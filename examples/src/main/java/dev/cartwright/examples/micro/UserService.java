package dev.cartwright.examples.micro;

import dev.cartwright.Commerce;
import dev.cartwright.Sweeper;
import dev.cartwright.examples.api.ShopApi;
import dev.cartwright.examples.server.ApiServer;
import dev.cartwright.examples.server.Metrics;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * user-service (port 8080): customers' accounts and sessions over its own store. Routes: {@code POST /users}
 * (register), {@code POST /sessions} (log in), {@code DELETE /sessions/current} (log out), {@code GET /users/me},
 * which is also how other services introspect a customer's token (they call it with that token), and
 * {@code /health}, {@code /metrics}. Expired sessions are purged every few minutes.
 */
public final class UserService {

    /** Its name, in logs, metrics and health. */
    public static final String NAME = "user-service";
    /** Sessions are purged this often ({@link Commerce#startSweeping}); an ended one is refused meanwhile. */
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private UserService() {
    }

    /**
     * Runs user-service from the environment until SIGTERM or Ctrl-C.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        RunningService service = start(ServiceSettings.fromEnvironment(System.getenv(), ServiceSettings.USER_SERVICE_PORT));
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
                    .passwordIterations(settings.passwordIterations())
                    .build();
            String adminToken = settings.adminToken().orElseGet(ServiceTokens::generate);
            ShopApi api = ShopApi.builder(shop, store.store())
                    .only(ShopApi.Section.ACCOUNTS)
                    .adminToken(adminToken)
                    .observer(metrics)
                    .maxBodyBytes(settings.maxBodyBytes())
                    .build();
            ApiServer server = ApiServer.start(api, settings.port(), settings.maxBodyBytes(),
                    settings.trustedProxies());
            Sweeper sweeper = shop.startSweeping(SWEEP_EVERY);
            LOG.info("{} listening on http://localhost:{} (database {})", NAME, server.port(), store.describe());
            return new RunningService(NAME, server, adminToken, List.of(store, sweeper));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
