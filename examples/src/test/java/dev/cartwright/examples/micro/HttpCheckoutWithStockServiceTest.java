package dev.cartwright.examples.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.CommerceStore;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.StockService;
import dev.cartwright.memory.MemoryStore;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.testkit.CheckoutWithStockServiceContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every checkout with the stock kept elsewhere, with product-service's stock reached over HTTP: what the checkout
 * sees of the service (refusals, lost answers) is what it would see in process.
 */
class HttpCheckoutWithStockServiceTest extends CheckoutWithStockServiceContract {

    private static final String TOKEN = "service-token";

    private ServiceHost host;

    @Override
    protected CommerceStore createStore() {
        return MemoryStore.create();
    }

    @Override
    protected StockService serve(StockService stockHolds) {
        host = ServiceHost.serve(new StockRoutes(stockHolds, new ServiceToken(TOKEN))::register);
        return HttpStockService.of(host.uri(), TOKEN, RemoteCalls.Settings.DEFAULT, RemoteCalls.Listener.NONE);
    }

    @AfterEach
    void stopServing() {
        host.close();
    }

    @Test
    void aCheckoutWhileTheStockServiceIsDownIsUnavailableWithinTheDeadline() {
        givenStockedProduct("A", "10.00", 5);
        host.close();

        long start = System.nanoTime();
        assertThatThrownBy(() -> placeDirect(newCustomer(), "A", 1, SimulatedPaymentGateway.VISA))
                .isInstanceOfSatisfying(CommerceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STOCK_SERVICE_UNAVAILABLE));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
    }
}
