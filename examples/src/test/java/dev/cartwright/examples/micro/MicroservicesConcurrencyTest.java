package dev.cartwright.examples.micro;

import static dev.cartwright.examples.micro.MicroShop.ordersOf;
import static dev.cartwright.examples.micro.MicroShop.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.examples.api.ApiClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many buyers at once, through two order-services over one database, for a product whose stock product-service
 * keeps: it never sells more than it has, and every order placed holds a sold unit.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MicroservicesConcurrencyTest {

    private static final int STOCK = 10;
    private static final int BUYERS = 32;

    @Test
    void twoOrderServicesNeverSellMoreThanProductServiceHas() throws Exception {
        sellExactlyTheStock(MicroShop.Databases.h2());
    }

    @Test
    void twoOrderServicesNeverSellMoreThanProductServiceHasOnPostgres() throws Exception {
        String url = System.getenv("CARTWRIGHT_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(),
                "CARTWRIGHT_POSTGRES_URL not set: the services are not tried on PostgreSQL");
        sellExactlyTheStock(MicroShop.Databases.postgres(url));
    }

    private static void sellExactlyTheStock(MicroShop.Databases databases) throws Exception {
        try (MicroShop shop = MicroShop.start(databases, MicroShop.PATIENT)) {
            shop.addOrderService();
            String product = shop.product(STOCK);
            ApiClient users = shop.users();
            List<ApiClient.Customer> buyers = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                buyers.add(users.customer("Buyer" + i));
            }
            List<ApiClient> instances = List.of(shop.orders(0), shop.orders(1));

            List<ApiClient.Reply> replies = buyAtOnce(buyers, instances, product);

            Map<Integer, Long> byStatus = replies.stream()
                    .collect(Collectors.groupingBy(ApiClient.Reply::status, TreeMap::new, Collectors.counting()));
            assertThat(byStatus).as(describe(replies))
                    .containsExactly(entry(201, (long) STOCK), entry(422, (long) (BUYERS - STOCK)));
            replies.stream().filter(reply -> reply.status() == 422)
                    .forEach(reply -> reply.problem(422, "INSUFFICIENT_STOCK"));
            assertThat(shop.stock(product)).isEqualTo(new MicroShop.Stock(0, 0, 0, STOCK));

            Set<String> placed = new HashSet<>();
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < BUYERS; i++) {
                if (replies.get(i).status() == 201) {
                    placed.add(replies.get(i).json().get("id").asText());
                }
                // Either instance answers for every order: they share one database.
                for (JsonNode order : ordersOf(instances.get((i + 1) % instances.size()), buyers.get(i))) {
                    assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
                    stored.add(order.get("id").asText());
                }
            }
            assertThat(stored).hasSize(STOCK).isEqualTo(placed);
            assertThat(shop.gateway().authorizationCount()).isEqualTo(STOCK);
        }
    }

    private static List<ApiClient.Reply> buyAtOnce(List<ApiClient.Customer> buyers, List<ApiClient> instances,
            String product) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(buyers.size());
        try {
            CountDownLatch ready = new CountDownLatch(buyers.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiClient.Reply>> pending = new ArrayList<>();
            for (int i = 0; i < buyers.size(); i++) {
                ApiClient.Customer buyer = buyers.get(i);
                ApiClient orders = instances.get(i % instances.size());
                pending.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return placeOrder(orders, buyer, product, 1, Optional.empty());
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<ApiClient.Reply> replies = new ArrayList<>();
            for (Future<ApiClient.Reply> reply : pending) {
                replies.add(reply.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String describe(List<ApiClient.Reply> replies) {
        return replies.stream().filter(reply -> reply.status() != 201)
                .map(reply -> reply.status() + " " + reply.json().path("code").asText()).distinct()
                .collect(Collectors.joining(", ", "refusals: ", ""));
    }
}
