package dev.cartwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsThePrograms() {
        assertThat(Main.usage()).contains("monolith", "tour", "PORT", "DATABASE_URL", "ADMIN_TOKEN", "microservices",
                "user-service", "product-service", "order-service", "SERVICE_TOKEN", "PRODUCT_SERVICE_URL");
    }
}
