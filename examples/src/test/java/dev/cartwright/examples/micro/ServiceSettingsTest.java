package dev.cartwright.examples.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

    @Test
    void withNothingSetEachServiceHasAnH2FileOfItsOwnAndTheDemoUrls() {
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of(), ServiceSettings.ORDER_SERVICE_PORT);

        assertThat(settings.port()).isEqualTo(8082);
        assertThat(settings.store(OrderService.NAME).jdbcUrl()).startsWith("jdbc:h2:file:./data/order-service;");
        assertThat(settings.store(UserService.NAME).jdbcUrl()).startsWith("jdbc:h2:file:./data/user-service;");
        assertThat(settings.store(OrderService.NAME).schema()).isEmpty();
        assertThat(settings.userServiceUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(settings.productServiceUrl()).isEqualTo(URI.create("http://localhost:8081"));
    }

    @Test
    void dbHostNamesOnePostgresDatabaseWithASchemaPerService() {
        ServiceSettings settings = ServiceSettings.fromEnvironment(Map.of("DB_HOST", "postgres", "DB_PORT", "6432",
                "DB_NAME", "shop", "DB_USER", "shop", "DB_PASSWORD", "s3cret"), ServiceSettings.PRODUCT_SERVICE_PORT);

        ServiceSettings.Store store = settings.store(ProductService.NAME);
        assertThat(store.jdbcUrl()).isEqualTo(
                "jdbc:postgresql://postgres:6432/shop?currentSchema=product_service&user=shop&password=s3cret");
        assertThat(store.schema()).contains("product_service");
        assertThat(store.describe()).doesNotContain("s3cret");
    }

    @Test
    void databaseUrlWinsAndAPostgresCurrentSchemaInItIsCreated() {
        Map<String, String> environment = Map.of("DB_HOST", "ignored",
                "DATABASE_URL", "jdbc:postgresql://db:5432/shop?currentSchema=orders_eu&user=shop");
        ServiceSettings settings = ServiceSettings.fromEnvironment(environment, ServiceSettings.ORDER_SERVICE_PORT);

        assertThat(settings.store(OrderService.NAME).jdbcUrl()).isEqualTo(environment.get("DATABASE_URL"));
        assertThat(settings.store(OrderService.NAME).schema()).contains("orders_eu");
        assertThat(ServiceSettings.fromEnvironment(Map.of("DATABASE_URL", "jdbc:h2:mem:x;currentSchema=abc"), 0)
                .store(OrderService.NAME).schema()).as("only PostgreSQL schemas are created").isEqualTo(Optional.empty());
    }

    @Test
    void malformedValuesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("PORT", "http"), 8080))
                .hasMessageContaining("PORT");
        assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("USER_SERVICE_URL", "localhost:8080"), 8082))
                .hasMessageContaining("USER_SERVICE_URL");
        assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("DB_PORT", "0"), 8082))
                .hasMessageContaining("DB_PORT");
        assertThatThrownBy(() -> ServiceSettings.fromEnvironment(Map.of("TRUSTED_PROXIES", "10.0.0.1, edge"), 8082))
                .hasMessageContaining("TRUSTED_PROXIES").hasMessageContaining("edge");
    }

    @Test
    void trustedProxiesAreAddressesAndBlocksAndNoneByDefault() {
        ServiceSettings behindEdge = ServiceSettings.fromEnvironment(
                Map.of("TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7"), ServiceSettings.USER_SERVICE_PORT);

        assertThat(behindEdge.trustedProxies().trusts("10.42.0.3")).isTrue();
        assertThat(behindEdge.trustedProxies().trusts("192.0.2.7")).isTrue();
        assertThat(behindEdge.trustedProxies().trusts("192.0.2.8")).isFalse();
        assertThat(behindEdge.withPort(0).trustedProxies()).isEqualTo(behindEdge.trustedProxies());
        assertThat(ServiceSettings.defaults(8080).trustedProxies().isEmpty()).isTrue();
    }

    @Test
    void theThreeStartedTogetherHaveAPortEachAndNoSharedDatabaseUrl() {
        List<ServiceSettings> three = Microservices.settingsFrom(Map.of("PORT", "9000",
                "DATABASE_URL", "jdbc:postgresql://db/shop", "ORDER_SERVICE_PORT", "9182", "DB_HOST", "postgres"));

        assertThat(three).extracting(ServiceSettings::port).containsExactly(8080, 8081, 9182);
        assertThat(three).allSatisfy(settings -> assertThat(settings.databaseUrl()).isEmpty());
        assertThat(three.get(1).store(ProductService.NAME).schema()).contains("product_service");
        assertThatThrownBy(() -> Microservices.settingsFrom(Map.of("USER_SERVICE_PORT", "eighty")))
                .hasMessageContaining("USER_SERVICE_PORT");
    }
}
