package dev.cartwright.examples.monolith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.examples.api.ApiClient;
import dev.cartwright.examples.api.ApiHost;
import dev.cartwright.examples.api.ApiJourneyContract;
import org.junit.jupiter.api.Test;

/** The API journeys over the monolith, and what only the monolith has: Micrometer's metrics. */
class MonolithJourneyTest extends ApiJourneyContract {

    @Override
    protected ApiHost startHost() {
        return MonolithHost.start();
    }

    @Test
    void metricsCountRequestsCheckoutsAndPayments() {
        assertThat(shop.get("/health").send().status()).isEqualTo(200);
        ApiClient.Customer cy = shop.customer("Cy");
        shop.post("/orders").token(cy.token()).json("{\"products\":[{\"id\":\"" + shop.productId("BOOK-1")
                + "\",\"quantity\":1}],\"paymentToken\":\"tok_decline\"}").send();
        ApiClient.Reply metrics = shop.get("/metrics").send();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.text()).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}",
                "cartwright_checkouts_total{payment=\"declined\"}", "cartwright_payments_total{outcome=\"failed\"}");
    }
}
