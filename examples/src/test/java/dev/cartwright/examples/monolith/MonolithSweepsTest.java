package dev.cartwright.examples.monolith;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.examples.api.ApiClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The monolith runs the shop's sweeps: an order caught between the gateway's approval and its record (what a kill
 * between a checkout's two steps leaves; the payment simulator's {@code tok_timeout_then_ok} approves and then does
 * not answer) is finished by the next sweep, without anyone calling anything.
 */
class MonolithSweepsTest {

    @Test
    void theNextSweepsFinishAnOrderCaughtBetweenTheGatewayAndItsRecordAndItsCancel() throws InterruptedException {
        String url = "jdbc:h2:mem:sweeps-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Monolith monolith = Monolith.start(Settings.fromEnvironment(Map.of()).withPort(0).withDatabaseUrl(url)
                .withAdminToken(MonolithHost.ADMIN).withPasswordIterations(1_000)
                .withSweepEvery(Duration.ofMillis(200)));
        try (ApiClient shop = new ApiClient(new MonolithHost(monolith))) {
            ApiClient.Customer ada = shop.customer("Ada");
            String mug = shop.productId("MUG-1");
            ApiClient.Reply caught = shop.post("/orders").token(ada.token()).header("Idempotency-Key", "caught")
                    .json("{\"userId\":\"" + ada.id() + "\",\"paymentToken\":\"tok_timeout_then_ok\",\"products\":"
                            + "[{\"id\":\"" + mug + "\",\"quantity\":1}]}").send();
            assertThat(caught.status()).as(caught.text()).isEqualTo(503);
            JsonNode pending = shop.get("/orders").token(ada.token()).send().json().get(0);
            String id = pending.get("id").asText();
            System.out.println("order " + id + " is " + pending.get("status").asText() + " with its payment "
                    + pending.get("paymentStatus").asText() + "; waiting for the next sweep");

            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            JsonNode order = pending;
            while (order.get("status").asText().equals("PENDING_PAYMENT") && System.nanoTime() < until) {
                Thread.sleep(50);
                order = shop.get("/orders/" + id).token(ada.token()).send().json();
            }

            assertThat(order.get("status").asText()).as(order.toString()).isEqualTo("CONFIRMED");
            assertThat(order.get("paymentStatus").asText()).isEqualTo("AUTHORIZED");
            // The simulated card times out once on the void too, leaving the order cancelling for the next sweep.
            ApiClient.Reply cancel = shop.post("/orders/" + id + "/cancel").token(ada.token()).send();
            assertThat(cancel.status()).as(cancel.text()).isIn(200, 503);
            while (!order.get("status").asText().equals("CANCELLED") && System.nanoTime() < until + 20_000_000_000L) {
                Thread.sleep(50);
                order = shop.get("/orders/" + id).token(ada.token()).send().json();
            }
            assertThat(order.get("status").asText()).as(order.toString()).isEqualTo("CANCELLED");
        }
    }
}
