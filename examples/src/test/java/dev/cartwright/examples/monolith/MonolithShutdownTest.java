package dev.cartwright.examples.monolith;

import dev.cartwright.examples.server.ChildJvm;
import dev.cartwright.examples.server.OrderingClients;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while customers order: the monolith, in a JVM of its own on an H2 file, is stopped while eight clients keep
 * ordering. Every request must be answered 2xx or refused before it started (no connection, or 503 with Retry-After),
 * never fail on a store closed under it; after a restart on the same file every acknowledged order is there.
 */
class MonolithShutdownTest {

    private static final String ADMIN = "shutdown-test-admin";
    private static final int CLIENTS = 8;

    @TempDir
    Path directory;

    @Test
    void sigtermFinishesRequestsInFlightAndLosesNoAcknowledgedOrder() throws Exception {
        // A URL of the user's own without DB_CLOSE_ON_EXIT: the monolith must still keep H2 open until it has drained.
        String url = "jdbc:h2:file:" + directory.resolve("shop") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        Map<String, String> environment = Map.of("PORT", "0", "DATABASE_URL", url, "ADMIN_TOKEN", ADMIN);
        List<OrderingClients.Outcome> outcomes;
        OrderingClients clients;
        try (ChildJvm monolith = ChildJvm.start("monolith", directory, environment)) {
            URI base = URI.create("http://localhost:" + monolith.port());
            clients = OrderingClients.forNewCustomer(base, base, ADMIN);
            outcomes = clients.orderWhileTerminating(monolith, CLIENTS, 20);
        }
        OrderingClients.assertEachCompletedOrRefused(outcomes);

        try (ChildJvm restarted = ChildJvm.start("monolith", directory, environment)) {
            clients.checkAfterRestart(URI.create("http://localhost:" + restarted.port()), outcomes);
            restarted.terminate();
            restarted.awaitExit(20);
        }
    }
}
