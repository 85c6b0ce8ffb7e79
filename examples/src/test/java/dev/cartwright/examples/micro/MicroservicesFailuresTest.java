package dev.cartwright.examples.micro;

import static dev.cartwright.examples.micro.MicroShop.ordersOf;
import static dev.cartwright.examples.micro.MicroShop.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.examples.api.ApiClient;
import dev.cartwright.examples.micro.FaultProxy.Fault;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three services over real HTTP when one of them fails during a checkout: product-service gone before or after
 * the hold, a reservation's answer lost, order-service stopped half-way through the saga. Each case checks what
 * product-service holds and has sold, what order-service stored and what the card network charged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MicroservicesFailuresTest {

    private static final String HOLDS = "/stock/holds/[^/]+";
    private static final String CONFIRMS = HOLDS + "/confirm";
    private static final String RELEASES = HOLDS + "/release";

    @Test
    void checkoutWithProductServiceDownAnswers503AndHoldsNothing() {
        try (MicroShop shop = MicroShop.start(MicroShop.QUICK)) {
            String product = shop.product(5);
            ApiClient.Customer customer = shop.users().customer("Ada");
            MicroShop.Stock before = shop.stock(product);

            shop.stopProducts();
            long start = System.nanoTime();
            ApiClient.Reply refused = placeOrder(shop.orders(), customer, product, 2, Optional.empty());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(refused.status()).as(refused.text()).isEqualTo(503);
            JsonNode problem = refused.problem(503, refused.json().path("code").asText());
            assertThat(problem.get("code").asText()).isIn("SERVICE_UNAVAILABLE", "STOCK_SERVICE_UNAVAILABLE");
            assertThat(took).as("a dead service is given up on, not waited for").isLessThan(Duration.ofSeconds(10));

            shop.restartProducts();
            assertThat(shop.stock(product)).isEqualTo(before);
            assertThat(ordersOf(shop.orders(), customer)).isEmpty();
            assertThat(shop.gateway().authorizationCount()).isZero();
        }
    }

    @Test
    void productServiceLostAfterTheHoldLeavesAnOrderThatTheRetryFinishesOnce() {
        try (MicroShop shop = MicroShop.startProxied(MicroShop.QUICK)) {
            String product = shop.product(5);
            ApiClient.Customer customer = shop.users().customer("Grace");
            String key = UUID.randomUUID().toString();
            // The hold is made; from then on product-service is gone: every confirm is lost on the way.
            shop.proxy().fail("POST", CONFIRMS, Fault.DROP, Integer.MAX_VALUE);

            ApiClient.Reply failed = placeOrder(shop.orders(), customer, product, 2, Optional.of(key));

            failed.problem(503, "STOCK_SERVICE_UNAVAILABLE");
            assertThat(shop.proxy().seen("PUT", HOLDS)).hasSize(1);
            assertThat(shop.proxy().seen("POST", CONFIRMS)).isNotEmpty();
            List<JsonNode> stored = ordersOf(shop.orders(), customer);
            assertThat(stored).singleElement().satisfies(order -> {
                assertThat(order.get("status").asText()).isEqualTo("PENDING_PAYMENT");
                assertThat(order.get("paymentStatus").asText()).isEqualTo("PENDING");
            });
            assertThat(shop.stock(product)).isEqualTo(new MicroShop.Stock(5, 2, 3, 0));

            // product-service is back; the customer repeats the request under the same key.
            shop.proxy().heal();
            shop.restartProducts();
            ApiClient.Reply retried = placeOrder(shop.orders(), customer, product, 2, Optional.of(key));

            assertThat(retried.status()).as(retried.text()).isEqualTo(201);
            assertThat(retried.json().get("id").asText()).isEqualTo(stored.get(0).get("id").asText());
            assertThat(retried.json().get("status").asText()).isEqualTo("CONFIRMED");
            assertThat(ordersOf(shop.orders(), customer)).hasSize(1);
            assertSoldOnce(shop, product, 5, 2);
        }
    }

    @Test
    void aReservationWhoseAnswerIsLostIsRepeatedAndHoldsOnce() {
        try (MicroShop shop = MicroShop.startProxied(MicroShop.QUICK)) {
            String product = shop.product(5);
            ApiClient.Customer customer = shop.users().customer("Edsger");
            shop.proxy().fail("PUT", HOLDS, Fault.LOSE_ANSWER, 1);
            String key = UUID.randomUUID().toString();

            ApiClient.Reply placed = placeOrder(shop.orders(), customer, product, 2, Optional.of(key));

            assertThat(placed.status()).as(placed.text()).isEqualTo(201);
            assertThat(placed.json().get("status").asText()).isEqualTo("CONFIRMED");
            List<String> reserves = shop.proxy().seen("PUT", HOLDS);
            assertThat(reserves).as("the lost reservation was repeated under the same key").hasSizeGreaterThanOrEqualTo(2)
                    .containsOnly(reserves.get(0));
            assertSoldOnce(shop, product, 5, 2);

            // The caller, unsure, repeats it too: the same order, nothing more held or sold.
            ApiClient.Reply again = placeOrder(shop.orders(), customer, product, 2, Optional.of(key));
            assertThat(again.status()).as(again.text()).isEqualTo(201);
            assertThat(again.json().get("id").asText()).isEqualTo(placed.json().get("id").asText());
            assertThat(ordersOf(shop.orders(), customer)).hasSize(1);
            assertSoldOnce(shop, product, 5, 2);
        }
    }

    @Test
    void orderServiceStoppedMidSagaFinishesTheOrderWhenItComesBack() {
        try (MicroShop shop = MicroShop.startProxied(MicroShop.QUICK)) {
            String product = shop.product(5);
            ApiClient.Customer customer = shop.users().customer("Barbara");
            // The payment is authorized, but the sale that must precede recording it never reaches product-service.
            shop.proxy().fail("POST", CONFIRMS, Fault.DROP, Integer.MAX_VALUE);

            ApiClient.Reply failed = placeOrder(shop.orders(), customer, product, 1, Optional.empty());

            assertThat(failed.status()).as(failed.text()).isEqualTo(503);
            assertThat(shop.gateway().authorizationCount()).isEqualTo(1);
            assertThat(shop.stock(product)).isEqualTo(new MicroShop.Stock(5, 1, 4, 0));
            String orderId = ordersOf(shop.orders(), customer).get(0).get("id").asText();

            shop.restartOrders();

            String status = statusOf(shop, customer, orderId);
            if (status.equals("CONFIRMED")) {
                assertSoldOnce(shop, product, 5, 1);
            } else {
                assertThat(status).as("finished one way or the other").isEqualTo("CANCELLED");
                assertThat(shop.stock(product)).isEqualTo(new MicroShop.Stock(5, 0, 5, 0));
                assertThat(shop.gateway().voidCount()).isEqualTo(1);
            }
            assertThat(status).as("the core confirms an order whose approval it finds at the gateway")
                    .isEqualTo("CONFIRMED");
        }
    }

    @Test
    void aCancelWhoseReleaseIsLostIsFinishedWhenOrderServiceStartsAgain() {
        try (MicroShop shop = MicroShop.startProxied(MicroShop.QUICK)) {
            String product = shop.product(5);
            ApiClient.Customer customer = shop.users().customer("Frances");
            ApiClient.Reply declined = placeOrder(shop.orders(), customer, product, 2, Optional.empty(),
                    SimulatedPaymentGateway.DECLINE);
            assertThat(declined.status()).as(declined.text()).isEqualTo(201);
            assertThat(declined.json().get("paymentStatus").asText()).isEqualTo("DECLINED");
            String orderId = declined.json().get("id").asText();
            assertThat(shop.stock(product)).isEqualTo(new MicroShop.Stock(5, 2, 3, 0));
            // The customer gives up on the order while product-service is gone: the hold cannot be given back.
            shop.proxy().fail("POST", RELEASES, Fault.DROP, Integer.MAX_VALUE);

            ApiClient.Reply cancel = shop.orders().post("/orders/" + orderId + "/cancel").token(customer.token())
                    .send();

            cancel.problem(503, "STOCK_SERVICE_UNAVAILABLE");
            assertThat(shop.proxy().seen("POST", RELEASES)).isNotEmpty();
            assertThat(statusOf(shop, customer, orderId)).isEqualTo("CANCELLING");
            assertThat(shop.stock(product)).isEqualTo(new MicroShop.Stock(5, 2, 3, 0));

            shop.restartOrders();

            assertThat(statusOf(shop, customer, orderId)).isEqualTo("CANCELLED");
            assertThat(shop.stock(product)).isEqualTo(new MicroShop.Stock(5, 0, 5, 0));
            assertThat(shop.gateway().authorizationCount()).isZero();
        }
    }

    private static String statusOf(MicroShop shop, ApiClient.Customer customer, String orderId) {
        ApiClient.Reply order = shop.orders().get("/orders/" + orderId).token(customer.token()).send();
        assertThat(order.status()).as(order.text()).isEqualTo(200);
        return order.json().get("status").asText();
    }

    /** Exactly {@code ordered} units sold, none held, and one authorization at the gateway, none voided. */
    private static void assertSoldOnce(MicroShop shop, String product, long received, long ordered) {
        assertThat(shop.stock(product)).isEqualTo(new MicroShop.Stock(received - ordered, 0, received - ordered,
                ordered));
        assertThat(shop.gateway().authorizationCount()).isEqualTo(1);
        assertThat(shop.gateway().voidCount()).isZero();
    }
}
