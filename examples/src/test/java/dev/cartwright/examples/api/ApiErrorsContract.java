package dev.cartwright.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every error status of the table is provoked over real HTTP, and every kind of bad input is answered with a 4xx
 * problem: {@code application/problem+json}, the right {@code code}, no stack trace, and nosniff. Each host runs it
 * in a subclass that says how to start that host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiErrorsContract {

    private ApiClient shop;
    private ApiClient.Customer ada;
    private String mug;

    /** @return a host just started, with the demo catalog and a fresh store */
    protected abstract ApiHost startHost();

    @BeforeAll
    void start() {
        shop = new ApiClient(startHost());
        ada = shop.customer("Ada");
        mug = shop.productId("MUG-1");
    }

    @AfterAll
    void stop() {
        shop.close();
    }

    @Test
    void everyErrorCodeHasAStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(Problems.STATUS).containsKey(code);
        }
        assertThat(Problems.STATUS.get(ErrorCode.VALIDATION)).isEqualTo(400);
        assertThat(Problems.STATUS.get(ErrorCode.INSUFFICIENT_STOCK)).isEqualTo(422);
    }

    @Test
    void guessingAPasswordIsRefused429WithRetryAfterBeforeTheRightOneIsTried() {
        ApiClient.Customer grace = shop.customer("Grace");
        String wrong = "{\"email\":\"" + grace.email() + "\",\"password\":\"not her password\"}";
        for (int attempt = 1; attempt <= 5; attempt++) {
            shop.post("/sessions").json(wrong).send().problem(401, "UNAUTHENTICATED");
        }
        ApiClient.Reply refused = shop.post("/sessions").json(wrong).send();
        JsonNode problem = refused.problem(429, "TOO_MANY_REQUESTS");
        assertThat(problem.get("type").asText()).endsWith("/too-many-requests");
        assertThat(refused.header("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        shop.post("/sessions").json("{\"email\":\"" + grace.email().toUpperCase(Locale.ROOT)
                + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}").send().problem(429, "TOO_MANY_REQUESTS");
        assertThat(shop.get("/users/me").token(grace.token()).send().status())
                .as("her open session is untouched").isEqualTo(200);
    }

    @Test
    void loginAttemptsCountAgainstTheClientsAddressWhateverForwardingHeaderItSends() {
        String attacker = "127.0.0.3";
        String neighbour = "127.0.0.4";
        for (int account = 1; account <= 50; account++) {
            logInFrom(attacker, "nobody" + account + "@example.com", "198.51.100." + account).problem(401,
                    "UNAUTHENTICATED");
        }
        ApiClient.Reply refused = logInFrom(attacker, "nobody51@example.com", "198.51.100.51");
        refused.problem(429, "TOO_MANY_REQUESTS");
        assertThat(refused.header("Retry-After")).isPresent();
        // Another client's budget is its own, also where an edge stands between the clients and the service.
        logInFrom(neighbour, "nobody51@example.com", attacker).problem(401, "UNAUTHENTICATED");
    }

    /** Logs in with a wrong password from a loopback address of its own, claiming another in X-Forwarded-For. */
    private ApiClient.Reply logInFrom(String from, String email, String forwardedFor) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + ApiClient.PASSWORD + "\"}";
        return shop.verbatimFrom(from, "POST /sessions HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Forwarded-For: " + forwardedFor + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }

    @Test
    void malformedJson() {
        JsonNode problem = shop.post("/users").json("{\"email\": \"a@b.co\", ").send().problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("body");
        shop.post("/sessions").json("not json at all").send().problem(400, "VALIDATION");
        shop.post("/users").json("{\"email\":\"a@b.co\"} {\"trailing\":1}").send().problem(400, "VALIDATION");
    }

    @Test
    void emptyOrNonObjectBody() {
        shop.post("/users").json("").send().problem(400, "VALIDATION");
        shop.post("/users").json("null").send().problem(400, "VALIDATION");
        shop.post("/users").json("[1,2]").send().problem(400, "VALIDATION");
    }

    @Test
    void wrongTypes() {
        JsonNode problem = shop.post("/users").json("{\"email\":5,\"password\":\"correct horse battery\",\"name\":\"N\"}")
                .send().problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("email");
        ApiClient.GuestCart guest = shop.guestCart();
        String cart = guest.id();
        problem = shop.post("/carts/" + cart + "/lines").cartSecret(guest.secret())
                .json("{\"productId\":\"" + mug + "\",\"quantity\":\"two\"}")
                .send().problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("quantity");
        problem = shop.post("/carts/" + cart + "/lines").cartSecret(guest.secret())
                .json("{\"productId\":\"" + mug + "\",\"quantity\":\"2\"}")
                .send().problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).as("no coercion of strings to numbers").isEqualTo("quantity");
        problem = shop.post("/orders").token(ada.token()).json("{\"products\":{\"id\":1}}").send().problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("products");
        shop.get("/products?limit=many").send().problem(400, "VALIDATION");
    }

    @Test
    void unknownFields() {
        JsonNode problem = shop.post("/users").json("{\"email\":\"x@example.com\",\"password\":\"correct horse battery\","
                + "\"name\":\"X\",\"isAdmin\":true}").send().problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("isAdmin");
        problem = shop.post("/orders").token(ada.token())
                .json("{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1,\"price\":0.01}]}").send().problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("products[0].price");
    }

    @Test
    void oversizeBody() {
        String big = "{\"email\":\"" + "a".repeat(100_000) + "\"}";
        JsonNode problem = shop.post("/users").raw("application/json", big.getBytes(StandardCharsets.UTF_8)).send()
                .problem(413, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("body");
    }

    @Test
    void notJson() {
        shop.post("/users").raw("text/plain", "email=a".getBytes(StandardCharsets.UTF_8)).send().problem(415, "VALIDATION");
    }

    @Test
    void aGzipBodyIsRefusedAsNotJsonNeverAFailure() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(("{\"email\":\"gz@example.com\",\"password\":\"" + ApiClient.PASSWORD
                    + "\",\"name\":\"Gz\"}").getBytes(StandardCharsets.UTF_8));
        }
        ApiClient.Reply reply = shop.post("/users").header("Content-Encoding", "gzip")
                .raw("application/json", zipped.toByteArray()).send();
        assertThat(reply.status()).as(reply.text()).isIn(400, 415);
        reply.problem(reply.status(), "VALIDATION");
        assertThat(shop.post("/sessions").json("{\"email\":\"gz@example.com\",\"password\":\"" + ApiClient.PASSWORD
                + "\"}").send().status()).as("no account was made of it").isEqualTo(401);
    }

    @Test
    void injectionStringsAreDataStoredAndReturnedExactly() {
        String hostile = "Robert'); DROP TABLE products;-- <script>alert(1)</script> \" \\ %_ ${jndi:ldap://x/a}";
        String sku = "INJ-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Reply created = shop.post("/admin/products").admin().json("{\"sku\":\"" + sku + "\",\"name\":"
                + quoted(hostile) + ",\"description\":" + quoted(hostile) + ",\"price\":1.00}").send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode read = shop.get("/products/" + id).send().json();
        assertThat(read.get("name").asText()).isEqualTo(hostile);
        assertThat(read.get("description").asText()).isEqualTo(hostile);

        JsonNode found = shop.get("/products?q=" + URLEncoder.encode("DROP TABLE products", StandardCharsets.UTF_8))
                .send().json();
        assertThat(found).extracting(product -> product.get("id").asText()).containsExactly(id);
        JsonNode tautology = shop.get("/products?q=" + URLEncoder.encode("' OR '1'='1", StandardCharsets.UTF_8))
                .send().json();
        assertThat(tautology).as("a quote in a search is text, not SQL").isEmpty();
        assertThat(shop.get("/products?limit=100").send().json().size()).as("the catalog is still there")
                .isGreaterThan(1);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void deepNesting() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        shop.post("/orders").token(ada.token()).json("{\"products\":" + deep + "}").send().problem(400, "VALIDATION");
    }

    @Test
    void badIdsAndInvalidValues() {
        assertThat(shop.get("/products/not-a-uuid").send().problem(400, "VALIDATION").get("field").asText())
                .isEqualTo("productId");
        shop.post("/users").json("{\"email\":\"short@example.com\",\"password\":\"short\",\"name\":\"S\"}").send()
                .problem(400, "VALIDATION");
        ApiClient.GuestCart guest = shop.guestCart();
        String cart = guest.id();
        shop.post("/carts/" + cart + "/lines").cartSecret(guest.secret())
                .json("{\"productId\":\"" + mug + "\",\"quantity\":0}").send()
                .problem(400, "VALIDATION");
        shop.post("/carts/" + cart + "/lines").cartSecret(guest.secret()).json("{\"productId\":\"" + mug + "\"}").send()
                .problem(400, "VALIDATION");
    }

    @Test
    void missingIdempotencyKey() {
        String cart = shop.post("/carts").token(ada.token()).send().json().get("id").asText();
        JsonNode problem = shop.post("/carts/" + cart + "/checkout").token(ada.token()).json("{}").send()
                .problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void missingOrInvalidToken() {
        ApiClient.Reply missing = shop.get("/users/me").send();
        missing.problem(401, "UNAUTHENTICATED");
        assertThat(missing.header("WWW-Authenticate")).contains("Bearer");
        shop.get("/users/me").token("not-a-real-token").send().problem(401, "UNAUTHENTICATED");
        shop.get("/users/me").header("Authorization", "Basic YWRhOnNlY3JldA==").send().problem(401, "UNAUTHENTICATED");
        shop.post("/orders").json("{\"products\":[]}").send().problem(401, "UNAUTHENTICATED");
        shop.post("/admin/products").json("{}").send().problem(401, "UNAUTHENTICATED");
        shop.post("/sessions").json("{\"email\":\"" + ada.email() + "\",\"password\":\"wrong password!!\"}").send()
                .problem(401, "UNAUTHENTICATED");
    }

    @Test
    void foreignUserIdAndOtherCustomersThings() {
        ApiClient.Customer eve = shop.customer("Eve");
        JsonNode problem = shop.post("/orders").token(eve.token())
                .json("{\"userId\":\"" + ada.id() + "\",\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}]}").send()
                .problem(403, "FORBIDDEN");
        assertThat(problem.get("field").asText()).isEqualTo("userId");

        String adaCart = shop.post("/carts").token(ada.token()).send().json().get("id").asText();
        shop.get("/carts/" + adaCart).token(eve.token()).send().problem(403, "FORBIDDEN");
        ApiClient.GuestCart guest = shop.guestCart();
        shop.get("/carts/" + adaCart).cartSecret(guest.secret()).send().problem(403, "FORBIDDEN");
        assertThat(shop.get("/carts/" + adaCart).token(ada.token()).send().status()).isEqualTo(200);
        String adaOrder = shop.post("/orders").token(ada.token())
                .json("{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}]}").send().json().get("id").asText();
        shop.get("/orders/" + adaOrder).token(eve.token()).send().problem(403, "FORBIDDEN");
        shop.post("/admin/products").token(eve.token()).json("{}").send().problem(403, "FORBIDDEN");
    }

    @Test
    void aGuestCartIsReachedOnlyWithTheSecretFromItsCreation() {
        ApiClient.GuestCart guest = shop.guestCart();
        String lines = "/carts/" + guest.id() + "/lines";
        String line = "{\"productId\":\"" + mug + "\",\"quantity\":1}";

        shop.post(lines).json(line).send().problem(401, "UNAUTHENTICATED");
        shop.post(lines).cartSecret(shop.guestCart().secret()).json(line).send().problem(403, "FORBIDDEN");
        shop.post(lines).cartSecret("").json(line).send().problem(403, "FORBIDDEN");
        shop.post(lines).token(ada.token()).json(line).send().problem(403, "FORBIDDEN");
        String checkout = "{\"shippingAddress\":{\"name\":\"Eve\",\"line1\":\"Unter den Linden 5\","
                + "\"city\":\"Berlin\",\"postalCode\":\"10117\",\"country\":\"DE\"},\"paymentToken\":\"tok_visa\","
                + "\"email\":\"eve@example.com\"}";
        shop.post("/carts/" + guest.id() + "/checkout").cartSecret(shop.guestCart().secret())
                .header("Idempotency-Key", "stranger-1").json(checkout).send().problem(403, "FORBIDDEN");
        JsonNode cart = shop.get("/carts/" + guest.id()).cartSecret(guest.secret()).send().json();
        assertThat(cart.get("lines")).as("nothing changed").isEmpty();

        assertThat(shop.post(lines).cartSecret(guest.secret()).json(line).send().json().get("lines")).hasSize(1);
        ApiClient.Reply login = shop.post("/sessions").json("{\"email\":\"" + ada.email() + "\",\"password\":\""
                + ApiClient.PASSWORD + "\",\"cartId\":\"" + guest.id() + "\"}").send();
        assertThat(login.status()).as(login.text()).isEqualTo(201);
        assertThat(shop.get("/carts/" + guest.id()).cartSecret(guest.secret()).send().json().get("status").asText())
                .as("no merge at login without the secret").isEqualTo("ACTIVE");
    }

    @Test
    void aDeclinedOrderIsPaidAgainOnlyByWhoPlacedIt() {
        ApiClient.GuestCart guest = shop.guestCart();
        shop.post("/carts/" + guest.id() + "/lines").cartSecret(guest.secret())
                .json("{\"productId\":\"" + mug + "\",\"quantity\":1}").send();
        String checkout = "{\"shippingAddress\":{\"name\":\"Eve\",\"line1\":\"Unter den Linden 5\","
                + "\"city\":\"Berlin\",\"postalCode\":\"10117\",\"country\":\"DE\"},"
                + "\"paymentToken\":\"tok_decline\",\"email\":\"eve@example.com\"}";
        ApiClient.Reply placed = shop.post("/carts/" + guest.id() + "/checkout").cartSecret(guest.secret())
                .header("Idempotency-Key", "guest-pay-1").json(checkout).send();
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        String order = placed.json().get("id").asText();
        String pay = "/orders/" + order + "/payments";
        String visa = "{\"paymentToken\":\"tok_visa\"}";

        shop.post(pay).header("Idempotency-Key", "p1").json(visa).send().problem(401, "UNAUTHENTICATED");
        shop.post(pay).cartSecret(shop.guestCart().secret()).header("Idempotency-Key", "p1").json(visa).send()
                .problem(403, "FORBIDDEN");
        shop.post(pay).token(ada.token()).header("Idempotency-Key", "p1").json(visa).send()
                .problem(403, "FORBIDDEN");
        ApiClient.Reply paid = shop.post(pay).cartSecret(guest.secret()).header("Idempotency-Key", "p1").json(visa)
                .send();

        assertThat(paid.status()).as(paid.text()).isEqualTo(200);
        assertThat(paid.json().get("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void wrongMethod() {
        ApiClient.Reply reply = shop.call("DELETE", "/products").send();
        reply.problem(405, "NOT_FOUND");
        assertThat(reply.header("Allow")).contains("GET, HEAD");
        shop.call("PUT", "/users/me").json("{}").send().problem(405, "NOT_FOUND");
        shop.call("TRACE", "/products").send().problem(405, "NOT_FOUND");
    }

    @Test
    void headAnswersAsGetWouldWithoutABody() {
        ApiClient.Reply get = shop.get("/products").send();
        ApiClient.Reply head = shop.call("HEAD", "/products").send();
        assertThat(head.status()).isEqualTo(get.status()).isEqualTo(200);
        assertThat(head.text()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type")).isPresent();
        assertThat(head.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(head.header("Content-Length")).as("the length GET's body would have, if any")
                .isIn(Optional.empty(), Optional.of(String.valueOf(get.text().getBytes(StandardCharsets.UTF_8).length)));
        assertThat(head.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());

        ApiClient.Reply badId = shop.call("HEAD", "/products/not-a-uuid").send();
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.text()).isEmpty();
        assertThat(shop.call("HEAD", "/users/me").send().status()).as("the filters and checks of GET run").isEqualTo(401);
        assertThat(shop.call("HEAD", "/users/me").token(ada.token()).send().status()).isEqualTo(200);
        assertThat(shop.call("HEAD", "/no-such-thing").send().status()).isEqualTo(404);
        assertThat(shop.call("HEAD", "/carts").send().status()).as("no GET on /carts").isEqualTo(405);
    }

    @Test
    void allowListsHeadWhereGetIsAllowed() {
        assertThat(shop.call("DELETE", "/products").send().header("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(",\\s*")).contains("GET", "HEAD"));
        assertThat(shop.call("PUT", "/carts").json("{}").send().header("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(",\\s*")).contains("POST").doesNotContain("GET", "HEAD"));
    }

    @Test
    void bodiesThatAreNotText() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28};
        shop.post("/users").raw("application/octet-stream", binary).send().problem(415, "VALIDATION");
        shop.post("/users").raw("application/x-www-form-urlencoded", "email=a%40b.co".getBytes(StandardCharsets.UTF_8))
                .send().problem(415, "VALIDATION");
        shop.post("/users").raw("application/json", binary).send().problem(400, "VALIDATION");
        byte[] latin1 = ("{\"email\":\"\u00e9@example.com\",\"password\":\"" + ApiClient.PASSWORD
                + "\",\"name\":\"\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1);
        // JSON is UTF-8; a host hands other bytes on as sent, not with replacement characters the shop would accept.
        shop.post("/users").raw("application/json", latin1).send().problem(400, "VALIDATION");
    }

    @Test
    void oddPathsAndQueries() {
        assertThat(shop.get("/products/%C3%A9").send().problem(400, "VALIDATION").get("field").asText())
                .isEqualTo("productId");
        shop.get("/products/a%2Fb").send().problem(400, "VALIDATION");
        shop.get("/products/x/y").send().problem(404, "NOT_FOUND");
    }

    @Test
    void notFound() {
        shop.get("/products/01a213d3-839d-7e6e-882b-ce8d4a3d2b00").send().problem(404, "NOT_FOUND");
        shop.get("/no/such/route").send().problem(404, "NOT_FOUND");
        shop.get("/carts/01a213d3-839d-7e6e-882b-ce8d4a3d2b00").cartSecret("any").send().problem(404, "NOT_FOUND");
    }

    @Test
    void orderQuantitiesAreWholePositiveNumbersCheckedPerLineBeforeMerging() {
        String[][] cases = {
                {"-1", "2", "products[0].quantity"},
                {"0", "1", "products[0].quantity"},
                {"1", "-1", "products[1].quantity"},
                {"2.9", "1", "products[0].quantity"},
                {"1", "1.0", "products[1].quantity"},
                {"1", "2e0", "products[1].quantity"},
                {"18446744073709551617", "1", "products[0].quantity"},
                {String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MAX_VALUE), "products[1].quantity"}};
        for (String[] quantities : cases) {
            String body = "{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":" + quantities[0] + "},"
                    + "{\"id\":\"" + mug + "\",\"quantity\":" + quantities[1] + "}]}";
            JsonNode problem = shop.post("/orders").token(ada.token()).json(body).send().problem(400, "VALIDATION");
            assertThat(problem.get("field").asText()).as(body).isEqualTo(quantities[2]);
        }
        String wraps = "{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":" + Long.MAX_VALUE + "},{\"id\":\""
                + mug + "\",\"quantity\":" + Long.MAX_VALUE + "},{\"id\":\"" + mug + "\",\"quantity\":3}]}";
        assertThat(shop.post("/orders").token(ada.token()).json(wraps).send().problem(400, "VALIDATION")
                .get("field").asText()).as("a sum that overflows is refused, not wrapped round").isEqualTo("products[1].quantity");
    }

    @Test
    void fractionalQuantitiesAreRefusedNotTruncated() {
        ApiClient.GuestCart guest = shop.guestCart();
        String lines = "/carts/" + guest.id() + "/lines";
        assertThat(shop.post(lines).cartSecret(guest.secret()).json("{\"productId\":\"" + mug + "\",\"quantity\":2.7}")
                .send().problem(400, "VALIDATION").get("field").asText()).isEqualTo("quantity");
        assertThat(shop.post(lines).cartSecret(guest.secret()).json("{\"productId\":\"" + mug + "\",\"quantity\":1}")
                .send().status()).isEqualTo(200);
        assertThat(shop.call("PATCH", lines + "/" + mug).cartSecret(guest.secret()).json("{\"quantity\":1.5}").send()
                .problem(400, "VALIDATION").get("field").asText()).isEqualTo("quantity");
        assertThat(shop.get("/carts/" + guest.id()).cartSecret(guest.secret()).send().json().get("lines").get(0)
                .get("quantity").asLong()).as("nothing changed").isEqualTo(1);
        String stock = "/admin/products/" + mug + "/stock";
        long onHand = shop.get(stock).admin().send().json().get("onHand").asLong();
        assertThat(shop.post(stock).admin().json("{\"receive\":1.9}").send().problem(400, "VALIDATION")
                .get("field").asText()).isEqualTo("receive");
        assertThat(shop.post(stock).admin().json("{\"adjust\":-0.5}").send().problem(400, "VALIDATION")
                .get("field").asText()).isEqualTo("adjust");
        assertThat(shop.get(stock).admin().send().json().get("onHand").asLong()).isEqualTo(onHand);
    }

    @Test
    void unknownPromotionCodesOnAnOrderAreNotFoundAsOnACart() {
        JsonNode problem = shop.post("/orders").token(ada.token()).json("{\"products\":[{\"id\":\"" + mug
                + "\",\"quantity\":1}],\"promotionCodes\":[\"WELCOME10\",\"NO-SUCH-CODE\"]}").send()
                .problem(404, "NOT_FOUND");
        assertThat(problem.get("field").asText()).isEqualTo("promotionCodes[1]");
        ApiClient.Reply known = shop.post("/orders").token(ada.token()).json("{\"products\":[{\"id\":\"" + mug
                + "\",\"quantity\":1}],\"promotionCodes\":[\"welcome10\"]}").send();
        assertThat(known.status()).as(known.text()).isEqualTo(201);
    }

    @Test
    void aPromotionCodeThatDoesNotApplyToAnOrderIsRefusedAsOnACart() {
        ApiClient.Customer pat = shop.customer("Pat");
        String oneMug = "{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}],";
        JsonNode problem = shop.post("/orders").token(pat.token()).json(oneMug
                + "\"promotionCodes\":[\"WELCOME10\",\"big100\"]}").send().problem(422, "PROMOTION_NOT_APPLICABLE");
        assertThat(problem.get("field").asText()).isEqualTo("promotionCodes[1]");
        assertThat(problem.get("detail").asText()).contains("BIG100", "needs a subtotal of at least");
        assertThat(shop.get("/orders").token(pat.token()).send().json()).as("nothing placed").isEmpty();
        ApiClient.Reply big = shop.post("/orders").token(pat.token()).json("{\"products\":[{\"id\":\"" + mug
                + "\",\"quantity\":8}],\"promotionCodes\":[\"big100\"]}").send();
        assertThat(big.status()).as(big.text()).isEqualTo(201);
        assertThat(big.json().get("totals").get("discountTotal").decimalValue()).isEqualByComparingTo("5.00");
    }

    @Test
    void idempotencyKeysBelongToWhoeverSentThem() {
        ApiClient.Customer eve = shop.customer("Eve");
        String body = "{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}]}";
        ApiClient.Reply adas = shop.post("/orders").token(ada.token()).header("Idempotency-Key", "shared-1").json(body)
                .send();
        ApiClient.Reply eves = shop.post("/orders").token(eve.token()).header("Idempotency-Key", "shared-1").json(body)
                .send();
        assertThat(eves.status()).as(eves.text()).isEqualTo(201);
        assertThat(eves.json().get("id").asText()).isNotEqualTo(adas.json().get("id").asText());
        assertThat(shop.post("/orders").token(ada.token()).header("Idempotency-Key", "shared-1").json(body).send()
                .json().get("id").asText()).as("a retry is still the same order").isEqualTo(adas.json().get("id").asText());

        String checkout = "{\"shippingAddress\":{\"name\":\"Eve\",\"line1\":\"Unter den Linden 5\","
                + "\"city\":\"Berlin\",\"postalCode\":\"10117\",\"country\":\"DE\"},\"paymentToken\":\"tok_visa\","
                + "\"email\":\"guest@example.com\"}";
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ApiClient.GuestCart guest = shop.guestCart();
            shop.post("/carts/" + guest.id() + "/lines").cartSecret(guest.secret())
                    .json("{\"productId\":\"" + mug + "\",\"quantity\":1}").send();
            ApiClient.Reply placed = shop.post("/carts/" + guest.id() + "/checkout").cartSecret(guest.secret())
                    .header("Idempotency-Key", "guest-shared-1").json(checkout).send();
            assertThat(placed.status()).as(placed.text()).isEqualTo(201);
            orders.add(placed.json().get("id").asText());
        }
        assertThat(orders).doesNotHaveDuplicates();
    }

    @Test
    void aRefundOrCaptureOfNoMoneyOrLessIsInvalid() {
        String order = shop.post("/orders").token(ada.token())
                .json("{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}]}").send().json().get("id").asText();
        for (String amount : new String[] {"-5.00", "0"}) {
            assertThat(shop.post("/admin/orders/" + order + "/capture").admin().json("{\"amount\":" + amount + "}").send()
                    .problem(400, "VALIDATION").get("field").asText()).isEqualTo("amount");
        }
        assertThat(shop.post("/admin/orders/" + order + "/capture").admin().send().status()).isEqualTo(200);
        for (String amount : new String[] {"-5.00", "0"}) {
            assertThat(shop.post("/admin/orders/" + order + "/refunds").admin().json("{\"amount\":" + amount + "}").send()
                    .problem(400, "VALIDATION").get("field").asText()).isEqualTo("amount");
        }
        assertThat(shop.post("/admin/orders/" + order + "/refunds").admin()
                .json("{\"amount\":1.00,\"restock\":[{\"id\":\"" + mug + "\",\"quantity\":0.5}]}").send()
                .problem(400, "VALIDATION").get("field").asText()).isEqualTo("restock[0].quantity");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersOfAnApi() {
        for (ApiClient.Reply reply : List.of(shop.get("/products").send(), shop.get("/no/such/route").send(),
                shop.post("/users").json("{").send(), shop.call("HEAD", "/products").send())) {
            assertThat(reply.header("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
            assertThat(reply.header("Referrer-Policy")).contains("no-referrer");
            assertThat(reply.header("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void conflicts() {
        shop.post("/users").json("{\"email\":\"" + ada.email() + "\",\"password\":\"correct horse battery\","
                + "\"name\":\"Ada again\"}").send().problem(409, "CONFLICT");
        String first = "{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}]}";
        String other = "{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":2}]}";
        assertThat(shop.post("/orders").token(ada.token()).header("Idempotency-Key", "conflict-1").json(first).send()
                .status()).isEqualTo(201);
        JsonNode problem = shop.post("/orders").token(ada.token()).header("Idempotency-Key", "conflict-1").json(other)
                .send().problem(409, "CONFLICT");
        assertThat(problem.get("field").asText()).isEqualTo("idempotencyKey");
    }

    @Test
    void invalidTransitions() {
        String order = shop.post("/orders").token(ada.token())
                .json("{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}]}").send().json().get("id").asText();
        assertThat(shop.post("/orders/" + order + "/cancel").token(ada.token()).send().status()).isEqualTo(200);
        shop.post("/orders/" + order + "/cancel").token(ada.token()).send().problem(409, "INVALID_TRANSITION");
        shop.post("/admin/orders/" + order + "/capture").admin().send().problem(409, "INVALID_TRANSITION");
    }

    @Test
    void unprocessable() {
        shop.post("/orders").token(ada.token()).json("{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":100000}]}")
                .send().problem(422, "INSUFFICIENT_STOCK");
        ApiClient.GuestCart guest = shop.guestCart();
        String cart = guest.id();
        shop.post("/carts/" + cart + "/lines").cartSecret(guest.secret())
                .json("{\"productId\":\"" + mug + "\",\"quantity\":1}").send();
        assertThat(shop.post("/carts/" + cart + "/promotion-codes").cartSecret(guest.secret())
                .json("{\"code\":\"NO-SUCH-CODE\"}").send()
                .problem(404, "NOT_FOUND").get("field").asText()).isEqualTo("code");
        String order = shop.post("/orders").token(ada.token())
                .json("{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}],\"paymentToken\":\"tok_decline\"}").send()
                .json().get("id").asText();
        shop.post("/orders/" + order + "/payments").token(ada.token()).header("Idempotency-Key", "again")
                .json("{\"paymentToken\":\"tok_decline\"}").send().problem(422, "PAYMENT_DECLINED");
    }
}
