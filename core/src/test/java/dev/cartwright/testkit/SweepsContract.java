package dev.cartwright.testkit;

import static dev.cartwright.testkit.Contracts.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.Commerce;
import dev.cartwright.SweepReport;
import dev.cartwright.Sweeper;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.payment.PaymentGatewayException;
import dev.cartwright.payment.PaymentStatus;
import dev.cartwright.payment.SimulatedPaymentGateway;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Commerce#runSweeps()} and {@link Commerce#startSweeping(Duration)}: what a crash between a checkout's two
 * steps (the gateway's answer, then its record) leaves behind is finished or released by the next sweep.
 */
public abstract class SweepsContract extends OrderFixtures {

    /** The state a kill between the gateway's approval and its record leaves: the simulator approves, then times out. */
    private Order caughtBetweenTheGatewayAndItsRecord(CustomerId customer, String token) {
        assertFails(() -> placeDirect(customer, "A", 2, token), ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, null);
        Order pending = commerce.orders().list(customer, Optional.empty(), 1).get(0);
        assertThat(pending.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(pending.paymentStatus()).isEqualTo(OrderPaymentStatus.PENDING);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).as("held by the order").isEqualTo(3);
        return pending;
    }

    @Test
    void theNextSweepsFinishACheckoutTheGatewayApprovedAndTheCancelOfItThatTimedOut() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order pending = caughtBetweenTheGatewayAndItsRecord(customer, SimulatedPaymentGateway.TIMEOUT_THEN_OK);
        assertFails(() -> commerce.orders().cancel(customer, pending.id()), ErrorCode.INVALID_TRANSITION, null);

        SweepReport report = commerce.runSweeps();

        assertThat(report.succeeded()).as(report.toString()).isTrue();
        assertThat(report.checkoutsRecovered()).isEqualTo(1);
        Order finished = commerce.orders().get(customer, pending.id());
        assertThat(finished.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(paymentOf(finished).status()).isEqualTo(PaymentStatus.AUTHORIZED);
        // This simulated card times out once on every operation: the void too, which leaves the order cancelling.
        assertThatThrownBy(() -> commerce.orders().cancel(customer, pending.id()))
                .isInstanceOf(PaymentGatewayException.class);
        assertThat(commerce.runSweeps().checkoutsRecovered()).as("the next sweep finishes the cancel").isEqualTo(1);
        assertThat(commerce.orders().get(customer, pending.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
    }

    @Test
    void theFirstSweepAfterThePaymentWindowReleasesAnOrderTheGatewayNeverSaw() {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order pending = caughtBetweenTheGatewayAndItsRecord(customer, SimulatedPaymentGateway.FAIL);
        assertThat(commerce.runSweeps().didAnything()).as("within its payment window the order waits").isFalse();

        clock.advance(PAYMENT_TIMEOUT);
        SweepReport report = commerce.runSweeps();

        assertThat(report.unpaidOrdersExpired()).as(report.toString()).isEqualTo(1);
        Order released = commerce.orders().get(customer, pending.id());
        assertThat(released.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(released.paymentStatus()).isEqualTo(OrderPaymentStatus.FAILED);
        assertThat(commerce.inventory().level(Sku.of("A")).available()).isEqualTo(5);
    }

    @Test
    void aShopWithoutAGatewaySweepsItsSessions() {
        Commerce accountsOnly = Commerce.builder().store(store).clock(clock)
                .passwordIterations(TEST_PASSWORD_ITERATIONS).build();
        accountsOnly.accounts().register("sweep@example.com", "correct horse battery", "Sweep");
        accountsOnly.accounts().login("sweep@example.com", "correct horse battery");
        clock.advance(Duration.ofDays(31));

        SweepReport report = accountsOnly.runSweeps();

        assertThat(report.succeeded()).as(report.toString()).isTrue();
        assertThat(report.sessionsPurged()).isEqualTo(1);
    }

    @Test
    void aStartedSweeperFinishesACaughtCheckoutInTheBackground() throws InterruptedException {
        givenStockedProduct("A", "10.00", 5);
        CustomerId customer = newCustomer();
        Order pending = caughtBetweenTheGatewayAndItsRecord(customer, SimulatedPaymentGateway.TIMEOUT_THEN_OK);

        Sweeper sweeper = commerce.startSweeping(Duration.ofMillis(20));
        try {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (commerce.orders().get(customer, pending.id()).status() == OrderStatus.PENDING_PAYMENT
                    && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        } finally {
            sweeper.close();
        }

        assertThat(commerce.orders().get(customer, pending.id()).status()).isEqualTo(OrderStatus.CONFIRMED);
    }
}
