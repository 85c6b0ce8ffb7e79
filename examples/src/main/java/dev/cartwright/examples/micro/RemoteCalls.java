package dev.cartwright.examples.micro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.examples.api.Problems;
import dev.cartwright.examples.api.RequestIds;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Calls to one other service over HTTP, made the one way every client in the microservices example makes them:
 * each attempt with a connect and a request timeout, the whole call within a deadline; repeated with exponential
 * backoff and jitter, a bounded number of times, after a transport failure, a timeout or a {@code 502}, {@code 503}
 * or {@code 504} (only a call that failed to connect is repeated if it is not idempotent: nothing was sent); never
 * after any other answer. Every attempt carries {@code Authorization: Bearer <service token>} and
 * {@code X-Request-Id}: the id of the request this thread is handling ({@link RequestIds#current()}), or a new one
 * for the call, the same on each attempt. A Resilience4j {@link CircuitBreaker} counts each call that ends in a
 * {@link RemoteCallException} as failed (an answer, {@code 2xx} or {@code 4xx}, is a success); while it is open,
 * calls fail at once, untried, so a service that is down costs its callers no waiting. A {@link Listener} hears of
 * every call, for metrics. Thread-safe.
 *
 * <p>{@link #send} returns only definite answers, {@code 2xx} and {@code 4xx}; {@link Response#problem()} reads a
 * refusal's problem JSON, which a client turns back into the exception the service threw. Anything else is a
 * {@link RemoteCallException}.
 */
public final class RemoteCalls {

    /** What a {@link Listener} is told of a call that was answered {@code 2xx}. */
    public static final String OK = "ok";
    /** What a {@link Listener} is told of a call that was answered {@code 4xx}. */
    public static final String REFUSED = "refused";
    /** What a {@link Listener} is told of a call that ended in a {@link RemoteCallException}. */
    public static final String FAILED = "failed";
    /** What a {@link Listener} is told of a call that the open circuit refused, untried. */
    public static final String SHORT_CIRCUITED = "short-circuited";

    /**
     * The circuit a {@link RemoteCalls} has unless given one: over the last 20 calls (once there are 10), it opens
     * when half of them failed, stays open 5 s, then lets 2 trial calls through.
     */
    public static final CircuitBreakerConfig CIRCUIT_DEFAULTS = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(5))
            .permittedNumberOfCallsInHalfOpenState(2)
            .recordExceptions(RemoteCallException.class)
            .build();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * How patient calls are.
     *
     * @param connectTimeout the longest wait for a connection
     * @param requestTimeout the longest wait for one attempt's answer, once sent
     * @param maxAttempts the most attempts of one call, at least one
     * @param firstBackoff the wait before the second attempt; each later one doubles it, and each is jittered
     *     to between half and all of that
     * @param deadline the longest a whole call takes, every attempt and wait included; an attempt's timeouts
     *     are cut to what is left of it
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration firstBackoff,
            Duration deadline) {

        /** 1 s to connect, 2 s for an answer, 3 attempts from 100 ms apart, all within 2.5 s. */
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
                Duration.ofMillis(100), Duration.ofMillis(2500));

        /** Checks every duration is positive and there is at least one attempt. */
        public Settings {
            for (Duration duration : new Duration[] {connectTimeout, requestTimeout, firstBackoff, deadline}) {
                if (duration == null || duration.isNegative() || duration.isZero()) {
                    throw new IllegalArgumentException("durations must be positive: " + duration);
                }
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("at least one attempt: " + maxAttempts);
            }
        }
    }

    /** Hears of every call, such as to count and time calls by service, operation and outcome. */
    public interface Listener {

        /** Hears nothing. */
        Listener NONE = (target, operation, outcome, nanos) -> {
        };

        /**
         * A call ended.
         *
         * @param target the service called, such as {@code product-service}
         * @param operation what was called, such as {@code reserve}
         * @param outcome {@link #OK}, {@link #REFUSED}, {@link #FAILED} or {@link #SHORT_CIRCUITED}
         * @param nanos how long the call took, every attempt included
         */
        void called(String target, String operation, String outcome, long nanos);

        /**
         * An attempt failed and the call is repeated.
         *
         * @param target the service called
         * @param operation what was called
         * @param attempt the attempt that failed, from one
         * @param reason why it failed
         */
        default void retrying(String target, String operation, int attempt, String reason) {
        }
    }

    /**
     * A definite answer.
     *
     * @param status {@code 2xx} or {@code 4xx}
     * @param body the response body, possibly empty
     */
    public record Response(int status, byte[] body) {

        /** @return whether the call succeeded ({@code 2xx}) */
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        /**
         * @return the refusal's problem JSON
         * @throws RemoteCallException if the call succeeded, or the body is not problem JSON with a {@code code}
         */
        public Problem problem() {
            if (!succeeded()) {
                try {
                    JsonNode json = MAPPER.readTree(body);
                    if (json != null && json.isObject() && json.path("code").isTextual()) {
                        return new Problem(status, json);
                    }
                } catch (IOException e) {
                    throw new RemoteCallException("a " + status + " answer that is not problem JSON", e);
                }
            }
            throw new RemoteCallException("a " + status + " answer that is not problem JSON", null);
        }
    }

    /**
     * A refusal, as {@code Problems} in the api package writes it.
     *
     * @param status the HTTP status
     * @param json the whole problem object, with {@code code} and maybe {@code field}, {@code detail} and
     *     members that the refusal's exception adds
     */
    public record Problem(int status, JsonNode json) {

        /** @return the problem's {@code code}, such as {@code CONFLICT} */
        public String code() {
            return json.path("code").asText();
        }

        /** @return the offending input, if the problem names one */
        public Optional<String> field() {
            JsonNode field = json.path("field");
            return field.isTextual() ? Optional.of(field.asText()) : Optional.empty();
        }

        /** @return the problem's {@code detail}, or its code */
        public String detail() {
            JsonNode detail = json.path("detail");
            return detail.isTextual() ? detail.asText() : code();
        }

        /**
         * @param member an extension member, such as {@code sku}
         * @return its text
         * @throws RemoteCallException if it is missing or not text
         */
        public String text(String member) {
            JsonNode value = json.path(member);
            if (!value.isTextual()) {
                throw unreadable(member);
            }
            return value.asText();
        }

        /**
         * @param member an extension member, such as {@code available}
         * @return its value
         * @throws RemoteCallException if it is missing or not a whole number
         */
        public long number(String member) {
            JsonNode value = json.path(member);
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw unreadable(member);
            }
            return value.asLong();
        }

        /**
         * The exception a service threw for this problem, rebuilt as a {@link CommerceException} with its code,
         * field and detail, if the problem is one a service answers: a known {@link ErrorCode} under the status
         * {@link Problems#STATUS} gives it, neither {@code UNAUTHENTICATED} nor {@code FORBIDDEN} (which say the
         * caller holds the wrong service token). Otherwise the transport or the caller's setup failed, so the
         * problem is a {@link RemoteCallException}.
         *
         * @return the exception to throw
         */
        public RuntimeException exception() {
            Optional<ErrorCode> code = errorCode();
            if (code.isEmpty() || code.get() == ErrorCode.UNAUTHENTICATED || code.get() == ErrorCode.FORBIDDEN) {
                return new RemoteCallException("refused " + status + " " + code() + ": " + detail(), null);
            }
            return new CommerceException(code.get(), field().orElse(null), detail(), null);
        }

        /** @return the problem's code, if it is one a service answers under its own status */
        public Optional<ErrorCode> errorCode() {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.name().equals(code()) && Problems.STATUS.get(code) == status) {
                    return Optional.of(code);
                }
            }
            return Optional.empty();
        }

        private RemoteCallException unreadable(String member) {
            return new RemoteCallException("a " + status + " " + code() + " problem without a readable " + member,
                    null);
        }
    }

    private final String target;
    private final URI base;
    private final String authorization;
    private final Settings settings;
    private final Listener listener;
    private final HttpClient client;
    private final CircuitBreaker circuit;

    /**
     * Calls with a circuit of their own, configured as {@link #CIRCUIT_DEFAULTS}.
     *
     * @param target the service's name, for messages and the listener, such as {@code product-service}
     * @param base the service's base URI, such as {@code http://product-service:8080}; paths are appended to it
     * @param serviceToken the bearer token the service expects of other services; {@code null} for a service
     *     called with each request's own {@code Authorization} (user-service, with the customer's token)
     * @param settings timeouts and retries
     * @param listener hears of every call
     */
    public RemoteCalls(String target, URI base, String serviceToken, Settings settings, Listener listener) {
        this(target, base, serviceToken, settings, listener, CircuitBreaker.of(target, CIRCUIT_DEFAULTS));
    }

    /**
     * @param target the service's name, for messages and the listener, such as {@code product-service}
     * @param base the service's base URI, such as {@code http://product-service:8080}; paths are appended to it
     * @param serviceToken the bearer token the service expects of other services; {@code null} for a service
     *     called with each request's own {@code Authorization}
     * @param settings timeouts and retries
     * @param listener hears of every call
     * @param circuit the circuit breaker of the calls to this service, such as one of the service's
     *     {@code CircuitBreakerRegistry}; failures it should count are {@link RemoteCallException}s
     */
    public RemoteCalls(String target, URI base, String serviceToken, Settings settings, Listener listener,
            CircuitBreaker circuit) {
        this.circuit = Objects.requireNonNull(circuit, "circuit");
        this.target = Objects.requireNonNull(target, "target");
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.authorization = serviceToken == null || serviceToken.isBlank() ? null : "Bearer " + serviceToken;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Percent-encodes one path segment (UTF-8; a space as {@code %20}, a slash as {@code %2F}), which the route
     * table decodes back.
     *
     * @param value any text, such as a key
     * @return the segment, to append after a {@code /}
     */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param path the path under the base URI, its segments already encoded ({@link #segment}), from {@code /}
     * @return a request to it, for {@link #send}
     */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    /**
     * @param method such as {@code PUT}
     * @param path as for {@link #request}
     * @param body a record, map or list, written as JSON
     * @return a request with the body as {@code application/json}
     */
    public HttpRequest.Builder json(String method, String path, Object body) {
        try {
            return request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + body, e);
        }
    }

    /**
     * Makes a call, repeating it as the class says.
     *
     * @param operation what is called, for messages and the listener, such as {@code reserve}
     * @param request the request, without timeout, {@code Authorization} or {@code X-Request-Id}
     * @param idempotent whether the call may be repeated after it may have been performed
     * @return the {@code 2xx} or {@code 4xx} answer
     * @throws RemoteCallException if there was none in time, or another one, or the circuit is open
     */
    public Response send(String operation, HttpRequest.Builder request, boolean idempotent) {
        HttpRequest.Builder prepared = request.copy()
                .setHeader(RequestIds.HEADER, RequestIds.current().orElseGet(() -> UUID.randomUUID().toString()));
        if (authorization != null) {
            prepared.setHeader("Authorization", authorization);
        }
        if (!circuit.tryAcquirePermission()) {
            listener.called(target, operation, SHORT_CIRCUITED, 0);
            throw new RemoteCallException(target + " " + operation + " not tried: the circuit is "
                    + circuit.getState().name().toLowerCase(Locale.ROOT) + " after too many failures",
                    null);
        }
        long start = System.nanoTime();
        try {
            Response response = attempts(operation, prepared, idempotent, start + settings.deadline().toNanos());
            long took = System.nanoTime() - start;
            circuit.onSuccess(took, TimeUnit.NANOSECONDS);
            listener.called(target, operation, response.succeeded() ? OK : REFUSED, took);
            return response;
        } catch (RemoteCallException e) {
            long took = System.nanoTime() - start;
            circuit.onError(took, TimeUnit.NANOSECONDS, e);
            listener.called(target, operation, FAILED, took);
            throw e;
        } catch (RuntimeException e) {
            circuit.releasePermission();
            throw e;
        }
    }

    /** @return the circuit breaker of these calls, to read its state or register its metrics */
    public CircuitBreaker circuit() {
        return circuit;
    }

    private Response attempts(String operation, HttpRequest.Builder request, boolean idempotent, long deadline) {
        String failure = "no attempt in time";
        Throwable cause = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            long left = deadline - System.nanoTime();
            if (left < TimeUnit.MILLISECONDS.toNanos(1)) {
                break;
            }
            boolean repeatable;
            try {
                HttpRequest sent = request.copy().timeout(Duration.ofNanos(Math.min(left,
                        settings.requestTimeout().toNanos()))).build();
                HttpResponse<byte[]> answer = client.send(sent, HttpResponse.BodyHandlers.ofByteArray());
                int status = answer.statusCode();
                if ((status >= 200 && status < 300) || (status >= 400 && status < 500)) {
                    return new Response(status, answer.body());
                }
                failure = "answered " + status;
                cause = null;
                repeatable = idempotent && (status == 502 || status == 503 || status == 504);
            } catch (HttpConnectTimeoutException | ConnectException e) {
                failure = "could not connect: " + e;
                cause = e;
                repeatable = true;
            } catch (HttpTimeoutException e) {
                failure = "timed out: " + e.getMessage();
                cause = e;
                repeatable = idempotent;
            } catch (IOException e) {
                failure = "transport failed: " + e;
                cause = e;
                repeatable = idempotent;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteCallException(target + " " + operation + ": interrupted", e);
            }
            if (!repeatable || attempt == settings.maxAttempts()) {
                break;
            }
            listener.retrying(target, operation, attempt, failure);
            if (!pause(attempt, deadline)) {
                break;
            }
        }
        throw new RemoteCallException(target + " " + operation + " got no answer: " + failure, cause);
    }

    /**
     * Whether the service answers its {@code GET /health} now, in one attempt within the connect and request
     * timeouts; for this service's own health check.
     *
     * @return true if it answered {@code 200}
     */
    public boolean reachable() {
        try {
            HttpRequest probe = request("/health").timeout(settings.requestTimeout()).GET().build();
            return client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits before attempt {@code attempt + 1}; false if the deadline would pass first, or on interruption. */
    private boolean pause(int attempt, long deadline) {
        long backoff = settings.firstBackoff().toNanos() << Math.min(attempt - 1, 20);
        long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        if (System.nanoTime() + jittered >= deadline) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(jittered);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
