package dev.cartwright.examples.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.ShopApi;
import dev.cartwright.inventory.InsufficientStockException;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.money.Money;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stock client over a network that fails: a stopped service, one that never answers, a lost answer, a slow one,
 * refusals, a wrong token; and what every call carries. The product-service side is a real server over a memory
 * store, reached through a {@link FaultProxy}.
 */
class HttpStockServiceResilienceTest {

    private static final String TOKEN = "service-token";
    private static final Sku MUG = Sku.of("MUG-1");
    /** Three attempts, a second each: long enough for a loaded test machine, short enough to wait for. */
    private static final RemoteCalls.Settings QUICK = new RemoteCalls.Settings(Duration.ofSeconds(1),
            Duration.ofSeconds(1), 3, Duration.ofMillis(20), Duration.ofSeconds(5));
    /** A loose guard against hanging, not a benchmark: the defaults give up within about 2.5 s. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final RemoteCalls.Listener listener = new RemoteCalls.Listener() {
        @Override
        public void called(String target, String operation, String outcome, long nanos) {
            calls.add(target + " " + operation + " " + outcome);
        }

        @Override
        public void retrying(String target, String operation, int attempt, String reason) {
            retries.add(operation + " " + attempt + ": " + reason);
        }
    };

    private Commerce productService;
    private ServiceHost host;
    private FaultProxy proxy;
    private HttpStockService stock;

    @BeforeEach
    void serve() throws Exception {
        productService = Commerce.builder().store(MemoryStore.create()).build();
        productService.catalog().create(NewProduct.of(MUG.value(), "Mug", Money.of("9.00", "EUR")));
        productService.inventory().receive(MUG, 10);
        host = ServiceHost.serve(new StockRoutes(productService.stockService(), new ServiceToken(TOKEN))::register);
        proxy = FaultProxy.to(host.uri());
        stock = client(proxy.uri(), TOKEN, QUICK);
    }

    @AfterEach
    void stop() {
        proxy.close();
        host.close();
    }

    private HttpStockService client(URI base, String token, RemoteCalls.Settings settings) {
        return HttpStockService.of(base, token, settings, listener);
    }

    private static Instant until() {
        return Instant.now().plus(Duration.ofMinutes(15));
    }

    private StockLevel mug() {
        return productService.inventory().level(MUG);
    }

    @Test
    void aStoppedServiceIsAnUnknownOutcomeWithinTheDeadline() {
        URI stopped = host.uri();
        host.close();
        HttpStockService direct = client(stopped, TOKEN, RemoteCalls.Settings.DEFAULT);

        long start = System.nanoTime();
        assertThatThrownBy(() -> direct.reserve("order-1", Map.of(MUG, 1L), until()))
                .isInstanceOf(RemoteCallException.class).isNotInstanceOf(CommerceException.class)
                .hasMessageContaining("could not connect");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HANG_GUARD);
        assertThat(retries).hasSize(2);
        assertThat(calls).containsExactly("product-service reserve failed");
    }

    @Test
    void aServiceThatNeverAnswersIsAnUnknownOutcomeWithinTheDeadline() throws Exception {
        // The socket's backlog takes the connection; nobody ever reads the request or answers it.
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            HttpStockService direct = client(URI.create("http://127.0.0.1:" + silent.getLocalPort()), TOKEN,
                    RemoteCalls.Settings.DEFAULT);

            long start = System.nanoTime();
            assertThatThrownBy(() -> direct.confirm("order-1", List.of(MUG)))
                    .isInstanceOf(RemoteCallException.class).isNotInstanceOf(CommerceException.class);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(HANG_GUARD).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void anAnswerLostAfterTheReserveIsRetriedAndHoldsOnce() throws Exception {
        proxy.next(FaultProxy.Fault.LOSE_ANSWER);

        stock.reserve("order-1", Map.of(MUG, 3L), until());

        assertThat(proxy.forwarded()).isEqualTo(2);
        assertThat(retries).singleElement().asString().startsWith("reserve 1: transport failed");
        assertThat(mug()).isEqualTo(StockLevel.of(MUG, 10, 3, 0));
    }

    @Test
    void aSlowAnswerTimesOutAndTheRetryHoldsOnce() throws Exception {
        proxy.next(FaultProxy.Fault.delay(QUICK.requestTimeout().plusMillis(500)));

        stock.reserve("order-1", Map.of(MUG, 3L), until());
        proxy.awaitForwarded(2);

        assertThat(retries).singleElement().asString().startsWith("reserve 1: timed out");
        assertThat(proxy.forwarded()).as("the slow request reached the service too, late").isEqualTo(2);
        assertThat(mug()).isEqualTo(StockLevel.of(MUG, 10, 3, 0));
    }

    @Test
    void unavailableIsRetriedAndOtherServerErrorsAreNot() {
        proxy.next(FaultProxy.Fault.answer(503));
        proxy.next(FaultProxy.Fault.answer(502));

        stock.reserve("order-1", Map.of(MUG, 3L), until());
        assertThat(proxy.received()).isEqualTo(3);

        proxy.next(FaultProxy.Fault.answer(500));
        assertThatThrownBy(() -> stock.confirm("order-1", List.of(MUG)))
                .isInstanceOf(RemoteCallException.class).hasMessageContaining("500");
        assertThat(proxy.received()).isEqualTo(4);
        assertThat(mug()).isEqualTo(StockLevel.of(MUG, 10, 3, 0));
    }

    @Test
    void aRefusalIsTheServicesExceptionAndIsNotRetried() {
        assertThatThrownBy(() -> stock.reserve("order-1", Map.of(MUG, 11L), until()))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                    assertThat(e.sku()).isEqualTo(MUG);
                    assertThat(e.requested()).isEqualTo(11);
                    assertThat(e.available()).isEqualTo(10);
                });

        assertThat(proxy.received()).isEqualTo(1);
        assertThat(retries).isEmpty();
        assertThat(calls).containsExactly("product-service reserve refused");
    }

    @Test
    void theCallersRequestIdTravelsToTheServiceOnEveryAttempt() {
        ShopApi front = ShopApi.builder(productService, MemoryStore.create()).only().adminToken("not-used")
                .routes(routes -> routes.post("/checkout", exchange -> {
                    stock.reserve("order-1", Map.of(MUG, 1L), until());
                    exchange.status(204);
                })).build();
        Exchange checkout = Exchange.of("POST", "/checkout", Map.of(),
                Map.of("X-Request-Id", List.of("checkout-42")), new byte[0]);
        proxy.next(FaultProxy.Fault.LOSE_ANSWER);

        front.handle(checkout);

        assertThat(checkout.status()).isEqualTo(204);
        assertThat(proxy.requestIds()).containsExactly("checkout-42", "checkout-42");
    }

    @Test
    void aCallOutsideARequestGetsItsOwnIdKeptAcrossAttempts() {
        proxy.next(FaultProxy.Fault.LOSE_ANSWER);

        stock.release("order-1", List.of(MUG));

        String id = proxy.requestIds().get(0);
        assertThat(id).isNotBlank();
        assertThat(proxy.requestIds()).containsExactly(id, id);
    }

    @Test
    void keysTravelAsTheyAre() {
        String awkward = "order/1 ?#%25+é&=;\u00e9\"'<>" + "k".repeat(170);
        stock.reserve(awkward, Map.of(MUG, 1L), until());
        stock.reserve("a+b", Map.of(MUG, 2L), until());
        stock.reserve("a b", Map.of(MUG, 3L), until());

        stock.confirm(awkward, List.of(MUG));

        assertThat(mug()).isEqualTo(StockLevel.of(MUG, 9, 5, 1));
        assertThatThrownBy(() -> stock.reserve("a b", Map.of(MUG, 2L), until()))
                .as("a different key than a+b: its own hold conflicts")
                .isInstanceOfSatisfying(CommerceException.class, e -> assertThat(e.field()).contains("key"));
    }

    @Test
    void callsWithoutTheServiceTokenAreRefusedAsProblems() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder reserve = HttpRequest.newBuilder(URI.create(host.uri() + "/stock/holds/order-1"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"until\":\"" + until() + "\",\"quantities\":{\"MUG-1\":1}}"));

        HttpResponse<String> none = http.send(reserve.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(reserve.header("Authorization", "Bearer not-the-token").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(problem(none).path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(problem(wrong).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(mug()).isEqualTo(StockLevel.of(MUG, 10, 0, 0));
    }

    @Test
    void aClientWithTheWrongTokenFailsWithoutRetrying() {
        HttpStockService wrong = client(proxy.uri(), "not-the-token", QUICK);

        assertThatThrownBy(() -> wrong.reserve("order-1", Map.of(MUG, 1L), until()))
                .isInstanceOf(RemoteCallException.class).hasMessageContaining("FORBIDDEN");

        assertThat(proxy.received()).isEqualTo(1);
        assertThat(mug()).isEqualTo(StockLevel.of(MUG, 10, 0, 0));
    }

    @Test
    void anOpenCircuitFailsCallsAtOnceWithoutTryingThem() {
        // Over the last four calls, from the fourth, half of them failed: open.
        CircuitBreaker circuit = CircuitBreaker.of("stock", CircuitBreakerConfig.from(RemoteCalls.CIRCUIT_DEFAULTS)
                .slidingWindowSize(4).minimumNumberOfCalls(4).waitDurationInOpenState(Duration.ofMinutes(1)).build());
        HttpStockService guarded = new HttpStockService(new RemoteCalls("product-service", proxy.uri(), TOKEN, QUICK,
                listener, circuit));
        assertThatThrownBy(() -> guarded.reserve("order-0", Map.of(MUG, 11L), until()))
                .as("a refusal is an answer").isInstanceOf(InsufficientStockException.class);
        guarded.reserve("order-1", Map.of(MUG, 1L), until());
        for (int i = 0; i < 6; i++) {
            proxy.next(FaultProxy.Fault.answer(503));
        }
        for (String key : List.of("order-2", "order-3")) {
            assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThatThrownBy(() -> guarded.reserve(key, Map.of(MUG, 1L), until()))
                    .isInstanceOf(RemoteCallException.class).hasMessageContaining("503");
        }
        assertThat(proxy.received()).isEqualTo(8);

        assertThatThrownBy(() -> guarded.reserve("order-4", Map.of(MUG, 1L), until()))
                .isInstanceOf(RemoteCallException.class).isNotInstanceOf(CommerceException.class)
                .hasMessageContaining("circuit is open");

        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(proxy.received()).as("not tried").isEqualTo(8);
        assertThat(calls).endsWith("product-service reserve short-circuited");
        assertThat(mug()).isEqualTo(StockLevel.of(MUG, 10, 1, 0));
    }

    private static JsonNode problem(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        return new ObjectMapper().readTree(response.body());
    }
}
