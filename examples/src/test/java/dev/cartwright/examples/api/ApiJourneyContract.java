package dev.cartwright.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shop's API walked over real HTTP through a customer's day and a member of staff's; each host runs it in a
 * subclass that says how to start that host. The host's store is fresh for the class but shared by its tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiJourneyContract {

    /** The client of the host under test, for subclasses' own tests. */
    protected ApiClient shop;

    /** @return a host just started, with the demo catalog and a fresh store */
    protected abstract ApiHost startHost();

    /**
     * Whether {@code POST /sessions} with a guest's {@code cartId} and {@code Cart-Secret} merges that cart into the
     * customer's and answers its id (or, without one, the customer's active cart) as {@code cartId}. A host whose
     * accounts and carts are apart (user-service, order-service) does not: its session answer has no cart, and the
     * journey merges with {@code POST /carts/{id}/merge} after logging in.
     *
     * @return true unless the host's logins cannot see carts
     */
    protected boolean mergesGuestCartsAtLogin() {
        return true;
    }

    @BeforeAll
    void start() {
        shop = new ApiClient(startHost());
    }

    @AfterAll
    void stop() {
        shop.close();
    }

    @Test
    void catalogListsSearchesFiltersAndPages() {
        ApiClient.Reply all = shop.get("/products").send();
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(all.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(all.json().isArray()).isTrue();
        List<String> skus = new ArrayList<>();
        for (JsonNode product : all.json()) {
            assertThat(product.get("id").asText()).isNotBlank();
            assertThat(product.get("name").asText()).isNotBlank();
            assertThat(product.get("price").isNumber()).isTrue();
            skus.add(product.get("sku").asText());
        }
        assertThat(skus).contains("MUG-1", "TEE-1", "BOOK-1", "POSTER-1");

        JsonNode mugs = shop.get("/products?q=MUG").send().json();
        assertThat(mugs).hasSize(1);
        assertThat(mugs.get(0).get("name").asText()).isEqualTo("Enamel mug");
        assertThat(mugs.get(0).get("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(shop.get("/products?category=books").send().json().get(0).get("sku").asText()).isEqualTo("BOOK-1");

        ApiClient.Reply first = shop.get("/products?limit=3").send();
        assertThat(first.json()).hasSize(3);
        String cursor = first.header("X-Next-Cursor").orElseThrow();
        assertThat(first.header("Link")).hasValueSatisfying(link -> assertThat(link).contains("rel=\"next\"", "cursor="));
        ApiClient.Reply second = shop.get("/products?limit=3&cursor=" + cursor).send();
        List<String> paged = new ArrayList<>();
        first.json().forEach(product -> paged.add(product.get("sku").asText()));
        second.json().forEach(product -> paged.add(product.get("sku").asText()));
        assertThat(paged).doesNotHaveDuplicates().containsAll(List.of("MUG-1", "TEE-1", "BOOK-1", "POSTER-1"));

        JsonNode one = shop.get("/products/" + shop.productId("TEE-1")).send().json();
        assertThat(one.get("sku").asText()).isEqualTo("TEE-1");
        assertThat(one.get("available").asLong()).isPositive();
    }

    /** Merges a guest cart into the customer's with {@code POST /carts/{id}/merge}, as a shop does after login. */
    private String mergeAfterLogin(String guestCart, String secret, String token) {
        ApiClient.Reply merged = shop.post("/carts/" + guestCart + "/merge").token(token).cartSecret(secret).send();
        assertThat(merged.status()).as(merged.text()).isEqualTo(200);
        return merged.json().get("id").asText();
    }

    @Test
    void customerJourney() {
        String mug = shop.productId("MUG-1");
        String poster = shop.productId("POSTER-1");

        ApiClient.Reply guestCart = shop.post("/carts").send();
        assertThat(guestCart.status()).as(guestCart.text()).isEqualTo(201);
        String cartId = guestCart.json().get("id").asText();
        String secret = guestCart.header("Cart-Secret").orElseThrow();
        assertThat(shop.post("/carts/" + cartId + "/lines").cartSecret(secret)
                .json("{\"productId\":\"" + mug + "\",\"quantity\":2}").send().json()
                .get("lines").get(0).get("quantity").asLong()).isEqualTo(2);
        shop.post("/carts/" + cartId + "/lines").cartSecret(secret)
                .json("{\"productId\":\"" + poster + "\",\"quantity\":1}").send();
        JsonNode changed = shop.call("PATCH", "/carts/" + cartId + "/lines/" + mug).cartSecret(secret)
                .json("{\"quantity\":3}").send().json();
        assertThat(changed.get("lines").get(0).get("quantity").asLong()).isEqualTo(3);
        JsonNode removed = shop.call("DELETE", "/carts/" + cartId + "/lines/" + poster).cartSecret(secret).send().json();
        assertThat(removed.get("lines")).hasSize(1);

        ApiClient.Customer ada = register("Ada");
        ApiClient.Reply login = shop.post("/sessions").json("{\"email\":\"" + ada.email() + "\",\"password\":\""
                + ApiClient.PASSWORD + "\",\"cartId\":\"" + cartId + "\"}").cartSecret(secret).send();
        assertThat(login.status()).isEqualTo(201);
        String token = login.json().get("token").asText();
        String merged;
        if (mergesGuestCartsAtLogin()) {
            merged = login.json().get("cartId").asText();
        } else {
            assertThat(login.json().get("cartId").isNull()).as(login.text()).isTrue();
            assertThat(shop.post("/carts/" + cartId + "/merge").token(token).send().problem(401, "UNAUTHENTICATED"))
                    .as("the guest's secret is required").isNotNull();
            assertThat(shop.post("/carts/" + cartId + "/merge").token(token).cartSecret("wrong").send().status())
                    .isEqualTo(403);
            merged = mergeAfterLogin(cartId, secret, token);
        }
        assertThat(mergeAfterLogin(cartId, secret, token)).as("merging again changes nothing").isEqualTo(merged);
        JsonNode me = shop.get("/users/me").token(token).send().json();
        assertThat(me.get("email").asText()).isEqualTo(ada.email());
        assertThat(me.get("name").asText()).isEqualTo("Ada");
        assertThat(me.has("id")).isTrue();

        JsonNode cart = shop.get("/carts/" + merged).token(token).send().json();
        assertThat(cart.get("userId").asText()).isEqualTo(ada.id());
        assertThat(cart.get("lines").get(0).get("quantity").asLong()).isEqualTo(3);

        JsonNode discounted = shop.post("/carts/" + merged + "/promotion-codes").token(token)
                .json("{\"code\":\"WELCOME10\"}").send().json();
        assertThat(discounted.get("appliedPromotions")).hasSize(1);
        assertThat(discounted.get("totals").get("discountTotal").decimalValue()).isEqualByComparingTo("3.75");
        JsonNode shipped = shop.get("/carts/" + merged + "?shipping=standard").token(token).send().json();
        assertThat(shipped.get("totals").get("shipping").decimalValue()).isEqualByComparingTo("4.90");

        String checkout = "{\"shippingAddress\":{\"name\":\"Ada\",\"line1\":\"Unter den Linden 5\",\"city\":\"Berlin\","
                + "\"postalCode\":\"10117\",\"country\":\"DE\"},\"shippingOption\":\"standard\",\"paymentToken\":\"tok_visa\"}";
        ApiClient.Reply placed = shop.post("/carts/" + merged + "/checkout").token(token)
                .header("Idempotency-Key", "ada-1").json(checkout).send();
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        JsonNode order = placed.json();
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.get("paymentStatus").asText()).isEqualTo("AUTHORIZED");
        JsonNode totals = order.get("totals");
        assertThat(totals.get("grandTotal").decimalValue()).isEqualByComparingTo(totals.get("subtotal").decimalValue()
                .subtract(totals.get("discountTotal").decimalValue()).add(totals.get("taxTotal").decimalValue())
                .add(totals.get("shipping").decimalValue()));
        String orderId = order.get("id").asText();

        ApiClient.Reply retried = shop.post("/carts/" + merged + "/checkout").token(token)
                .header("Idempotency-Key", "ada-1").json(checkout).send();
        assertThat(retried.json().get("id").asText()).as("the same key returns the same order").isEqualTo(orderId);

        assertThat(shop.get("/orders").token(token).send().json().get(0).get("id").asText()).isEqualTo(orderId);
        assertThat(shop.get("/orders/" + orderId).token(token).send().json().get("lines").get(0).get("sku").asText())
                .isEqualTo("MUG-1");

        String nextCart = shop.post("/carts").token(token).send().json().get("id").asText();
        assertThat(nextCart).isNotEqualTo(merged);
        shop.post("/carts/" + nextCart + "/lines").token(token).json("{\"productId\":\"" + poster + "\",\"quantity\":1}").send();
        JsonNode declined = shop.post("/carts/" + nextCart + "/checkout").token(token).header("Idempotency-Key", "ada-2")
                .json(checkout.replace("tok_visa", "tok_decline")).send().json();
        assertThat(declined.get("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(declined.get("paymentStatus").asText()).isEqualTo("DECLINED");
        String declinedId = declined.get("id").asText();
        shop.post("/orders/" + declinedId + "/payments").token(token).header("Idempotency-Key", "ada-2-retry-1")
                .json("{\"paymentToken\":\"tok_insufficient_funds\"}").send().problem(422, "PAYMENT_DECLINED");
        ApiClient.Reply paid = shop.post("/orders/" + declinedId + "/payments").token(token)
                .header("Idempotency-Key", "ada-2-retry-2").json("{\"paymentToken\":\"tok_mastercard\"}").send();
        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        assertThat(paid.json().get("status").asText()).isEqualTo("CONFIRMED");

        ApiClient.Reply quick = shop.post("/orders").token(token)
                .json("{\"userId\":\"" + ada.id() + "\",\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}]}").send();
        assertThat(quick.status()).as(quick.text()).isEqualTo(201);
        assertThat(quick.json().get("totals").get("grandTotal").decimalValue()).isEqualByComparingTo("14.88");
        ApiClient.Reply cancelled = shop.post("/orders/" + quick.json().get("id").asText() + "/cancel").token(token).send();
        assertThat(cancelled.json().get("status").asText()).as(cancelled.text()).isEqualTo("CANCELLED");

        assertThat(shop.call("DELETE", "/sessions/current").token(token).send().status()).isEqualTo(204);
        shop.get("/users/me").token(token).send().problem(401, "UNAUTHENTICATED");
    }

    @Test
    void adminJourney() {
        ApiClient.Reply created = shop.post("/admin/products").admin().json("{\"sku\":\"LAMP-1\",\"name\":\"Desk lamp\","
                + "\"description\":\"<b>bright</b>\",\"price\":30.00,\"categories\":[\"lighting\"]}").send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String lamp = created.json().get("id").asText();
        assertThat(created.json().get("description").asText()).as("stored as given, JSON-escaped only")
                .isEqualTo("<b>bright</b>");
        assertThat(created.json().get("available").asLong()).isZero();

        JsonNode stocked = shop.post("/admin/products/" + lamp + "/stock").admin().json("{\"receive\":5}").send().json();
        assertThat(stocked.get("available").asLong()).isEqualTo(5);
        assertThat(shop.post("/admin/products/" + lamp + "/stock").admin().json("{\"adjust\":-1}").send().json()
                .get("onHand").asLong()).isEqualTo(4);
        JsonNode repriced = shop.call("PATCH", "/admin/products/" + lamp).admin().json("{\"price\":25.00}").send().json();
        assertThat(repriced.get("price").decimalValue()).isEqualByComparingTo("25.00");

        ApiClient.Customer bob = register("Bob");
        JsonNode order = shop.post("/orders").token(bob.token())
                .json("{\"userId\":\"" + bob.id() + "\",\"products\":[{\"id\":\"" + lamp + "\",\"quantity\":2}]}").send().json();
        String orderId = order.get("id").asText();
        assertThat(order.get("totals").get("grandTotal").decimalValue()).isEqualByComparingTo("59.50");

        ApiClient.Reply captured = shop.post("/admin/orders/" + orderId + "/capture").admin().send();
        assertThat(captured.json().get("paymentStatus").asText()).as(captured.text()).isEqualTo("CAPTURED");
        ApiClient.Reply fulfilled = shop.post("/admin/orders/" + orderId + "/fulfilment").admin()
                .json("{\"carrier\":\"DHL\",\"trackingNumber\":\"DHL-1\"}").send();
        assertThat(fulfilled.json().get("fulfillmentStatus").asText()).as(fulfilled.text()).isEqualTo("FULFILLED");
        String refund = "{\"amount\":29.75,\"restock\":[{\"id\":\"" + lamp + "\",\"quantity\":1}]}";
        ApiClient.Reply refunded = shop.post("/admin/orders/" + orderId + "/refunds").admin().json(refund).send();
        assertThat(refunded.json().get("paymentStatus").asText()).as(refunded.text()).isEqualTo("PARTIALLY_REFUNDED");
        JsonNode stock = shop.get("/admin/products/" + lamp + "/stock").admin().send().json();
        assertThat(stock.get("sold").asLong()).as("the restocked unit is a return of the sale")
                .isEqualTo(1);
        assertThat(stock.get("available").asLong()).isEqualTo(3);
        assertThat(shop.get("/admin/orders/" + orderId).admin().send().json().get("shipments")).hasSize(1);

        JsonNode archived = shop.post("/admin/products/" + lamp + "/archive").admin().send().json();
        assertThat(archived.get("status").asText()).isEqualTo("ARCHIVED");
        assertThat(shop.get("/products?q=lamp").send().json()).isEmpty();
    }

    /** @return the id of a new product at 10.00 with that many units on hand */
    private String newProduct(String name, int onHand) {
        String id = shop.post("/admin/products").admin().json("{\"sku\":\"" + name.toUpperCase(Locale.ROOT) + "-"
                + UUID.randomUUID() + "\",\"name\":\"" + name + "\",\"price\":10.00}").send().json().get("id")
                .asText();
        shop.post("/admin/products/" + id + "/stock").admin().json("{\"receive\":" + onHand + "}").send();
        return id;
    }

    /** @return the id of an order of one unit of the product, placed by a new customer */
    private String oneUnitOrdered(String product, String customer) {
        return shop.post("/orders").token(register(customer).token())
                .json("{\"products\":[{\"id\":\"" + product + "\",\"quantity\":1}]}").send().json().get("id")
                .asText();
    }

    @Test
    void aCaptureRepeatedWithItsKeyCapturesOnce() {
        String order = oneUnitOrdered(newProduct("Bowl", 1), "Eve");
        for (int attempt = 1; attempt <= 2; attempt++) {
            ApiClient.Reply captured = shop.post("/admin/orders/" + order + "/capture").admin()
                    .header("Idempotency-Key", "bowl-capture-1").json("{\"amount\":1.00}").send();
            assertThat(captured.status()).as("attempt %d: %s", attempt, captured.text()).isEqualTo(200);
        }
        shop.post("/admin/orders/" + order + "/refunds").admin().json("{\"amount\":1.50}").send()
                .problem(409, "INVALID_TRANSITION");
        assertThat(shop.post("/admin/orders/" + order + "/refunds").admin().json("{\"amount\":1.00}").send().status())
                .as("what was captured, once, is refundable").isEqualTo(200);
    }

    @Test
    void partialRefundsRestockNoMoreThanWasSold() {
        String vase = newProduct("Vase", 5);
        String order = oneUnitOrdered(vase, "Dee");
        shop.post("/admin/orders/" + order + "/capture").admin().send();
        shop.post("/admin/orders/" + order + "/fulfilment").admin()
                .json("{\"carrier\":\"DHL\",\"trackingNumber\":\"DHL-2\"}").send();
        String refund = "{\"amount\":1.00,\"restock\":[{\"id\":\"" + vase + "\",\"quantity\":1}]}";
        ApiClient.Reply first = shop.post("/admin/orders/" + order + "/refunds").admin()
                .header("Idempotency-Key", "vase-refund-1").json(refund).send();
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        ApiClient.Reply repeated = shop.post("/admin/orders/" + order + "/refunds").admin()
                .header("Idempotency-Key", "vase-refund-1").json(refund).send();
        assertThat(repeated.status()).as("a retry with the key: " + repeated.text()).isEqualTo(200);
        assertThat(repeated.json().get("paymentStatus")).isEqualTo(first.json().get("paymentStatus"));
        for (int i = 0; i < 2; i++) {
            assertThat(shop.post("/admin/orders/" + order + "/refunds").admin().json(refund).send()
                    .problem(400, "VALIDATION").get("field").asText()).as("the unit is back already").isEqualTo("restock");
        }
        ApiClient.Reply moneyOnly = shop.post("/admin/orders/" + order + "/refunds").admin().json("{\"amount\":1.00}")
                .send();
        assertThat(moneyOnly.status()).as(moneyOnly.text()).isEqualTo(200);
        JsonNode stock = shop.get("/admin/products/" + vase + "/stock").admin().send().json();
        assertThat(stock.get("onHand").asLong()).as("one unit sold, one back: " + stock).isEqualTo(5);
        assertThat(stock.get("sold").asLong()).isZero();
    }

    @Test
    void requestsArriveAsSent() {
        assertThat(shop.get("/products?q=Enamel%20mug").send().json()).hasSize(1);
        assertThat(shop.get("/products?q=Enamel+mug").send().json()).as("+ is a space in a query").hasSize(1);
        assertThat(shop.get("/products?category=books&q=BOOK").send().json().get(0).get("sku").asText()).isEqualTo("BOOK-1");
        ApiClient.Reply euro = shop.get("/products?q=%E2%82%AC").send();
        assertThat(euro.status()).as(euro.text()).isEqualTo(200);
        assertThat(euro.json()).isEmpty();

        String email = "zoe-" + UUID.randomUUID() + "@example.com";
        ApiClient.Reply registered = shop.post("/users").header("Content-Type", "application/json; charset=utf-8")
                .raw("application/json; charset=utf-8", ("{\"email\":\"" + email + "\",\"password\":\""
                        + ApiClient.PASSWORD + "\",\"name\":\"Zoë Ångström 🛒\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .send();
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        assertThat(registered.json().get("name").asText()).isEqualTo("Zoë Ångström 🛒");
    }

    @Test
    void healthAndRequestIds() {
        ApiClient.Reply health = shop.get("/health").send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(shop.get("/products").header("X-Request-Id", "trace-42").send().header("X-Request-Id"))
                .contains("trace-42");
        assertThat(shop.get("/products").header("X-Request-Id", "bad id\t").send().header("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).isNotEqualTo("bad id\t").isNotBlank());
        ApiClient.Reply metrics = shop.get("/metrics").send();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    private ApiClient.Customer register(String name) {
        return shop.customer(name);
    }
}
