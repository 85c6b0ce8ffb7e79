package dev.cartwright.examples.monolith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.examples.api.ApiClient;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.junit.jupiter.api.Test;

class MonolithLifecycleTest {

    private static final String H2 = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Test
    void stopsGracefullyAndSeedsOnlyOnce() {
        Settings settings = Settings.fromEnvironment(Map.of()).withPort(0).withPasswordIterations(1_000)
                .withDatabaseUrl("jdbc:h2:mem:lifecycle-" + UUID.randomUUID() + H2);
        int products;
        try (Monolith first = Monolith.start(settings)) {
            assertThat(first.jetty().getStopTimeout()).isPositive();
            assertThat(first.jetty().getDescendant(GracefulHandler.class)).as("requests in flight finish on stop").isNotNull();
            assertThat(first.adminToken()).hasSizeGreaterThan(20);
            products = count(first);
        }
        try (Monolith second = Monolith.start(settings)) {
            assertThat(count(second)).as("the demo data is not duplicated").isEqualTo(products).isEqualTo(4);
        }
    }

    @Test
    void readsTheEnvironment() {
        Settings settings = Settings.fromEnvironment(Map.of("PORT", "8080", "DATABASE_URL", "jdbc:postgresql://db/shop",
                "ADMIN_TOKEN", "s3cret"));
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.databaseUrl()).contains("jdbc:postgresql://db/shop");
        assertThat(settings.adminToken()).contains("s3cret");
        Settings defaults = Settings.fromEnvironment(Map.of());
        assertThat(defaults.port()).isEqualTo(Settings.DEFAULT_PORT);
        assertThat(defaults.databaseUrl()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("PORT", "http"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Monolith.start(Settings.fromEnvironment(Map.of("DATABASE_URL", "postgres://db/shop"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JDBC URL");
    }

    private static int count(Monolith monolith) {
        return new ApiClient(new MonolithHost(monolith)).get("/products").send().json().size();
    }
}
