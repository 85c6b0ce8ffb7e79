package dev.cartwright.examples.monolith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cartwright.examples.api.ApiClient;
import dev.cartwright.examples.api.ApiHost;
import dev.cartwright.examples.api.RequestIds;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Text no store keeps alike is the client's mistake on every database, and a database's own words never reach the
 * client: the monolith on H2, and on PostgreSQL where {@code CARTWRIGHT_POSTGRES_URL} is given.
 */
class MonolithTextTest {

    private static final String POSTGRES_URL = System.getenv("CARTWRIGHT_POSTGRES_URL");

    /** JSON escapes of what no store keeps alike; Jackson decodes each into the Java string it names. */
    private static final List<String> UNSTORABLE_JSON = List.of("SPRING\\u0000", "\\ud800", "x\\udc00y");

    @Test
    void unstorableTextInPromotionCodesIsRefusedNamingTheFieldOnH2() {
        try (ApiClient shop = new ApiClient(MonolithHost.start())) {
            assertRefusedNamingTheField(shop);
        }
    }

    @Test
    void unstorableTextInPromotionCodesIsRefusedNamingTheFieldOnPostgres() throws SQLException {
        assumeTrue(POSTGRES_URL != null && !POSTGRES_URL.isBlank(),
                "CARTWRIGHT_POSTGRES_URL not set: the monolith on PostgreSQL is skipped");
        String schema = "text_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (ApiClient shop = new ApiClient(start(url))) {
            assertRefusedNamingTheField(shop);
        } finally {
            try (Connection connection = DriverManager.getConnection(POSTGRES_URL);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void assertRefusedNamingTheField(ApiClient shop) {
        ApiClient.Customer ada = shop.customer("Ada");
        String mug = shop.productId("MUG-1");
        for (String code : UNSTORABLE_JSON) {
            JsonNode problem = shop.post("/orders").token(ada.token())
                    .json("{\"products\":[{\"id\":\"" + mug + "\",\"quantity\":1}],\"promotionCodes\":[\"" + code
                            + "\"]}")
                    .send().problem(400, "VALIDATION");
            assertThat(problem.get("field").asText()).as(code).isEqualTo("promotionCodes[0]");
        }
        JsonNode problem = shop.post("/users").json("{\"email\":\"bo@example.com\",\"password\":\""
                + ApiClient.PASSWORD + "\",\"name\":\"Bo \\ud83d\"}").send().problem(400, "VALIDATION");
        assertThat(problem.get("field").asText()).isEqualTo("name");
        assertThat(shop.get("/orders").token(ada.token()).send().json()).isEmpty();
    }

    @Test
    void aStorageFailureAnswersAFixedDetailAndTheRequestIdNeverTheDriversMessage() throws SQLException {
        String url = "jdbc:h2:mem:closed-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (ApiClient shop = new ApiClient(start(url))) {
            String mug = shop.productId("MUG-1");
            try (Connection connection = DriverManager.getConnection(url);
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }

            ApiClient.Reply reply = shop.get("/products/" + mug).header(RequestIds.HEADER, "storage-failure-1").send();
            JsonNode problem = reply.problem(503, "STORAGE");
            assertThat(problem.get("detail").asText()).isEqualTo("the request could not be completed now; retry later");
            assertThat(problem.get("requestId").asText()).isEqualTo("storage-failure-1");
            assertThat(reply.header(RequestIds.HEADER)).contains("storage-failure-1");
            assertThat(reply.text().toLowerCase(Locale.ROOT))
                    .doesNotContain("h2", "database", "closed", "sql", "jdbc", "hikari", "table");
        }
    }

    private static ApiHost start(String databaseUrl) {
        Monolith monolith = Monolith.start(Settings.fromEnvironment(Map.of()).withPort(0).withDatabaseUrl(databaseUrl)
                .withAdminToken(MonolithHost.ADMIN).withPasswordIterations(1_000));
        return new MonolithHost(monolith);
    }
}
