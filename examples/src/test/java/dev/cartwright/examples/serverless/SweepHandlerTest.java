package dev.cartwright.examples.serverless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.cartwright.Commerce;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.order.Address;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.PaymentGatewayException;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SweepHandlerTest {

    /** What an EventBridge schedule sends, as the Lambda runtime reads it. */
    private static final String SCHEDULED_EVENT = """
            {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
             "source": "aws.events", "account": "123456789012", "time": "2026-11-30T12:00:00Z", "region": "eu-west-1",
             "resources": ["arn:aws:events:eu-west-1:123456789012:rule/cartwright-sweeps"], "detail": {}}""";

    @Test
    void aScheduledInvocationFinishesACheckoutCaughtBetweenTheGatewayAndItsRecord() {
        ServerlessShop.Built function = ServerlessShop.assemble(Map.of("ADMIN_TOKEN", "t", "PASSWORD_ITERATIONS", "1000"));
        Commerce shop = function.shop();
        CustomerId customer = new CustomerId(UUID.randomUUID());
        DirectOrderRequest request = new DirectOrderRequest(Map.of(Sku.of("MUG-1"), 1L), List.of(),
                Optional.of(customer), Optional.empty(), Address.of("Ada", "Hauptstr. 1", "Berlin", "10115", "DE"),
                Optional.empty(), PaymentMethod.of(SimulatedPaymentGateway.TIMEOUT_THEN_OK, "visa", "4242"), "caught");
        assertThatThrownBy(() -> shop.checkout().placeOrder(request)).isInstanceOf(PaymentGatewayException.class);
        Order pending = shop.orders().list(customer, Optional.empty(), 1).get(0);
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        ScheduledEvent event = LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                SweepHandlerTest.class.getClassLoader()).fromJson(SCHEDULED_EVENT);

        Map<String, Object> answer = new SweepHandler(shop).handleRequest(event, new LocalContext());

        assertThat(answer).containsEntry("checkoutsRecovered", 1).containsEntry("failed", List.of());
        assertThat(shop.orders().get(customer, pending.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
    }
}
