package dev.cartwright.examples.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.examples.serverless.TestFunction.Reply;
import dev.cartwright.examples.serverless.TestFunction.Version;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A customer's visit as a sequence of events against one warm function, in each payload version. */
class ServerlessJourneyTest {

    private static final String JSON = "application/json";
    private final TestFunction function = new TestFunction();

    @ParameterizedTest
    @EnumSource(Version.class)
    void registerLogInListProductsOrderAndListOrders(Version version) {
        String email = "journey-" + version.folder + "@example.com";
        Reply registered = function.invoke(TestFunction.event(version, "POST", "/users",
                "{\"email\":\"" + email + "\",\"password\":\"a long enough secret\",\"name\":\"Journey\"}",
                "Content-Type", JSON)).expect(201);
        String userId = registered.json().get("id").asText();

        JsonNode session = function.invoke(TestFunction.event(version, "POST", "/sessions",
                "{\"email\":\"" + email + "\",\"password\":\"a long enough secret\"}", "Content-Type", JSON))
                .expect(201).json();
        assertThat(session.get("userId").asText()).isEqualTo(userId);
        String bearer = "Bearer " + session.get("token").asText();

        Reply products = function.invoke(TestFunction.event(version, "GET", "/products", null)).expect(200);
        Map<String, String> ids = new HashMap<>();
        products.json().forEach(product -> ids.put(product.get("sku").asText(), product.get("id").asText()));
        assertThat(ids).containsKeys("MUG-1", "BOOK-1");

        String order = "{\"userId\":\"" + userId + "\",\"products\":[{\"id\":\"" + ids.get("MUG-1")
                + "\",\"quantity\":2},{\"id\":\"" + ids.get("BOOK-1") + "\",\"quantity\":1}]}";
        Reply placed = function.invoke(TestFunction.event(version, "POST", "/orders", order,
                "Authorization", bearer, "Content-Type", JSON)).expect(201);
        String orderId = placed.json().get("id").asText();
        assertThat(placed.header("Location")).contains("/orders/" + orderId);
        assertThat(placed.json().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(placed.json().get("userId").asText()).isEqualTo(userId);
        assertThat(placed.json().get("lines")).hasSize(2);

        JsonNode orders = function.invoke(TestFunction.event(version, "GET", "/orders", null,
                "Authorization", bearer)).expect(200).json();
        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).get("id").asText()).isEqualTo(orderId);

        function.invoke(TestFunction.event(version, "GET", "/orders", null)).expect(401);
    }
}
