package dev.cartwright.examples.server;

import dev.cartwright.event.CommerceEvent;
import dev.cartwright.event.EventListener;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.ShopApi;
import dev.cartwright.order.Order;
import dev.cartwright.payment.PaymentAuthorized;
import dev.cartwright.payment.PaymentCaptured;
import dev.cartwright.payment.PaymentEvent;
import dev.cartwright.payment.PaymentFailed;
import dev.cartwright.payment.PaymentRefunded;
import dev.cartwright.payment.PaymentVoided;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * The Micrometer meters of the monolith and of each microservice, scraped in Prometheus text format at
 * {@code GET /metrics}: {@code http_server_requests_seconds} (by method, route template and status), {@code cartwright_checkouts_total}
 * (by the new order's payment status), {@code cartwright_payments_total} (by outcome, from payment events) and, in a
 * service that calls others, {@code cartwright_remote_calls_seconds} and {@code cartwright_remote_call_retries_total}.
 */
public final class Metrics implements ShopApi.Observer {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Override
    public void answered(Exchange exchange, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by route")
                .tag("method", exchange.method())
                .tag("route", exchange.route().orElse("unmatched"))
                .tag("status", Integer.toString(exchange.status()))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    @Override
    public void placed(Order order) {
        Counter.builder("cartwright.checkouts").description("orders placed, by their payment status")
                .tag("payment", order.paymentStatus().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    /**
     * Times a call this service made to another ({@code cartwright_remote_calls_seconds}, by target, operation and
     * outcome), and counts its failed attempts ({@code cartwright_remote_call_retries_total}).
     *
     * @param target the service called, such as {@code product-service}
     * @param operation what was called, such as {@code reserve}
     * @param outcome {@code ok}, {@code refused} (a 4xx answer) or {@code failed} (no answer)
     * @param nanos how long it took, every attempt included
     */
    public void remoteCall(String target, String operation, String outcome, long nanos) {
        Timer.builder("cartwright.remote.calls")
                .description("calls to other services, every attempt included")
                .tag("target", target)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /**
     * @param target the service called
     * @param operation what was called
     */
    public void remoteRetry(String target, String operation) {
        Counter.builder("cartwright.remote.call.retries").description("attempts of calls to other services that failed "
                + "and were repeated").tag("target", target).tag("operation", operation).register(registry).increment();
    }

    /** @return a listener that counts payment outcomes from the events the shop publishes after commit */
    public EventListener paymentListener() {
        return this::onEvent;
    }

    private void onEvent(CommerceEvent event) {
        if (event instanceof PaymentEvent payment) {
            Counter.builder("cartwright.payments").description("payment outcomes")
                    .tag("outcome", outcome(payment)).register(registry).increment();
        }
    }

    private static String outcome(PaymentEvent event) {
        if (event instanceof PaymentAuthorized) {
            return "authorized";
        } else if (event instanceof PaymentCaptured) {
            return "captured";
        } else if (event instanceof PaymentRefunded) {
            return "refunded";
        } else if (event instanceof PaymentVoided) {
            return "voided";
        } else if (event instanceof PaymentFailed) {
            return "failed";
        }
        return "other";
    }

    @Override
    public String scrape() {
        return registry.scrape();
    }
}
