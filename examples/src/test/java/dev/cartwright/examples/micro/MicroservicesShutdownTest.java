package dev.cartwright.examples.micro;

import dev.cartwright.examples.server.ChildJvm;
import dev.cartwright.examples.server.OrderingClients;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while customers order from order-service: the three services (the {@code microservices} program, each on
 * its default H2 file) run in a JVM of their own, stopped while eight clients keep posting orders to order-service.
 * Every request is answered 2xx or refused before it started, and every acknowledged order is there after a restart.
 */
class MicroservicesShutdownTest {

    private static final Pattern READY = Pattern.compile("the whole shop at one address.*http://localhost:(\\d+)");
    private static final String ADMIN = "shutdown-test-admin";
    private static final int CLIENTS = 8;

    @TempDir
    Path directory;

    @Test
    void sigtermLetsOrderServiceFinishItsRequestsAndLosesNoAcknowledgedOrder() throws Exception {
        Map<String, String> environment = Map.of("USER_SERVICE_PORT", "0", "PRODUCT_SERVICE_PORT", "0",
                "ORDER_SERVICE_PORT", "0", "EDGE_PORT", "0", "ADMIN_TOKEN", ADMIN,
                "SERVICE_TOKEN", "shutdown-test-service");
        List<OrderingClients.Outcome> outcomes;
        OrderingClients clients;
        try (ChildJvm shop = ChildJvm.start("microservices", directory, environment, READY)) {
            URI edge = URI.create("http://localhost:" + shop.port());
            URI orders = URI.create("http://localhost:" + shop.port(OrderService.NAME));
            clients = OrderingClients.forNewCustomer(edge, orders, ADMIN);
            outcomes = clients.orderWhileTerminating(shop, CLIENTS, 30);
        }
        OrderingClients.assertEachCompletedOrRefused(outcomes);

        try (ChildJvm restarted = ChildJvm.start("microservices", directory, environment, READY)) {
            clients.checkAfterRestart(URI.create("http://localhost:" + restarted.port()), outcomes);
            restarted.terminate();
            restarted.awaitExit(30);
        }
    }
}
