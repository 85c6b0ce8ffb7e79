package dev.cartwright.examples.micro;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Counts and times a service's calls to the others in its Micrometer registry: {@code cartwright.remote.calls}
 * (a timer by {@code target}, {@code operation} and {@code outcome}: {@code ok}, {@code refused} or {@code failed})
 * and {@code cartwright.remote.retries} (a counter by {@code target} and {@code operation}). Thread-safe.
 */
public final class RemoteCallMeters implements RemoteCalls.Listener {

    private final MeterRegistry registry;

    /** @param registry where the meters go, such as the service's Prometheus registry */
    public RemoteCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(String target, String operation, String outcome, long nanos) {
        Timer.builder("cartwright.remote.calls")
                .description("calls to other services, every attempt included")
                .tag("target", target).tag("operation", operation).tag("outcome", outcome)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    @Override
    public void retrying(String target, String operation, int attempt, String reason) {
        Counter.builder("cartwright.remote.retries")
                .description("attempts of calls to other services that failed and were repeated")
                .tag("target", target).tag("operation", operation)
                .register(registry)
                .increment();
    }
}
