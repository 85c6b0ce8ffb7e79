package dev.cartwright.examples.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.examples.api.Identities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * order-service's check of a customer's bearer token: user-service introspects it ({@code GET /users/me} with the
 * caller's token), and the answer is kept for a short time, so a customer's burst of requests costs user-service one
 * call. The cache is keyed by the token's SHA-256, so it holds no usable token.
 *
 * <p>A logout at user-service therefore reaches order-service within that time at most: until then a logged-out
 * token still works here. A shop that cannot accept that sets the time to zero (every request asks user-service), or
 * has user-service publish logouts to its order-services; an unknown or expired token is never cached, so a new
 * session works at once. user-service not answering is {@link RemoteCallException}, which the API answers
 * {@code 503}.
 */
final class RemoteIdentities implements Identities {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RemoteCalls calls;
    private final Cache<String, CustomerId> known;

    /**
     * @param calls calls to user-service (sent with the caller's token, not a service token)
     * @param freshness how long a token's customer is used before user-service is asked again
     */
    RemoteIdentities(RemoteCalls calls, Duration freshness) {
        this.calls = calls;
        this.known = Caffeine.newBuilder().expireAfterWrite(freshness).maximumSize(100_000).build();
    }

    @Override
    public CustomerId authenticate(String token) {
        String key = digest(token);
        CustomerId cached = known.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        RemoteCalls.Response response = calls.send("introspect",
                calls.request("/users/me").header("Authorization", "Bearer " + token).GET(), true);
        if (response.status() == 401) {
            throw new CommerceException(ErrorCode.UNAUTHENTICATED, "the session is unknown, expired or logged out");
        }
        if (!response.succeeded()) {
            throw new RemoteCallException("user-service refused to introspect a token: " + response.status(), null);
        }
        CustomerId customer;
        try {
            JsonNode user = MAPPER.readTree(response.body());
            customer = CustomerId.parse(user.path("id").asText());
        } catch (IOException | RuntimeException e) {
            throw new RemoteCallException("user-service answered an introspection with an unreadable body", e);
        }
        known.put(key, customer);
        return customer;
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
