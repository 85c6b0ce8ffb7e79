package dev.cartwright.examples.micro;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The journey on PostgreSQL ({@code CARTWRIGHT_POSTGRES_URL}), a schema per service as {@code DB_HOST} deployments
 * have them; skipped with a message where no PostgreSQL is given.
 */
class PostgresMicroservicesJourneyTest extends MicroservicesJourneyContract {

    private static final String URL = System.getenv("CARTWRIGHT_POSTGRES_URL");
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<String> schemas = new ArrayList<>();

    @Override
    protected String databaseUrl(String service) {
        assumeTrue(URL != null && !URL.isBlank(),
                "CARTWRIGHT_POSTGRES_URL not set: the microservices journey on PostgreSQL is skipped");
        String schema = service.replace('-', '_') + "_" + run;
        schemas.add(schema);
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    protected void cleanUp() throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(URL);
                Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
