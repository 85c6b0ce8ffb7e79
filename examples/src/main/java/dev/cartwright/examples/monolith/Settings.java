package dev.cartwright.examples.monolith;

import java.time.Duration;
import dev.cartwright.examples.server.TrustedProxies;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the monolith is configured with, read from environment variables: {@code PORT} (3000 by default;
 * 0 picks a free port), {@code DATABASE_URL} (a JDBC URL; an embedded H2 file under {@code ./data} when unset)
 * {@code ADMIN_TOKEN} (generated and printed at start when unset) and {@code TRUSTED_PROXIES} (the addresses or CIDR
 * blocks of reverse proxies, comma-separated, whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are
 * believed; none by default).
 *
 * @param port the HTTP port, 0 for any free one
 * @param databaseUrl the JDBC URL of the database; empty for the embedded H2 file
 * @param adminToken the bearer token of the admin routes; empty to generate one
 * @param passwordIterations the PBKDF2 cost of passwords (tests lower it)
 * @param maxBodyBytes the largest request body accepted
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} names the client and whose
 *     {@code X-Forwarded-Proto} says whether a request came over TLS
 * @param sweepEvery how long after one round of the shop's sweeps ends the next starts (tests shorten it)
 */
public record Settings(int port, Optional<String> databaseUrl, Optional<String> adminToken, int passwordIterations,
        long maxBodyBytes, TrustedProxies trustedProxies, Duration sweepEvery) {

    /** The delay between rounds of the sweeps by default. */
    public static final Duration DEFAULT_SWEEP_EVERY = Duration.ofSeconds(30);

    /** The port when {@code PORT} is unset. */
    public static final int DEFAULT_PORT = 3000;
    /** The embedded database when {@code DATABASE_URL} is unset. */
    public static final String DEFAULT_DATABASE_URL = "jdbc:h2:file:./data/cartwright;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;"
            + "QUERY_CACHE_SIZE=64";

    /** Checks the values. */
    public Settings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("PORT must be 0 to 65535, not " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (sweepEvery == null || sweepEvery.isNegative() || sweepEvery.isZero()) {
            throw new IllegalArgumentException("sweepEvery must be positive");
        }
    }

    /**
     * @param environment the environment, such as {@link System#getenv()}
     * @return the settings it names, with defaults for what it leaves out
     * @throws IllegalArgumentException if {@code PORT} is not a port number or {@code TRUSTED_PROXIES} not a list of
     *     addresses
     */
    public static Settings fromEnvironment(Map<String, String> environment) {
        String port = environment.get("PORT");
        int number;
        try {
            number = port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, not " + port, e);
        }
        return new Settings(number, nonBlank(environment.get("DATABASE_URL")), nonBlank(environment.get("ADMIN_TOKEN")),
                600_000, 64 * 1024, proxies(environment.get("TRUSTED_PROXIES")), DEFAULT_SWEEP_EVERY);
    }

    /**
     * @param newPort the port
     * @return these settings on another port
     */
    public Settings withPort(int newPort) {
        return new Settings(newPort, databaseUrl, adminToken, passwordIterations, maxBodyBytes, trustedProxies, sweepEvery);
    }

    /**
     * @param url a JDBC URL
     * @return these settings on another database
     */
    public Settings withDatabaseUrl(String url) {
        return new Settings(port, nonBlank(url), adminToken, passwordIterations, maxBodyBytes, trustedProxies, sweepEvery);
    }

    /**
     * @param token the admin bearer token
     * @return these settings with that admin token
     */
    public Settings withAdminToken(String token) {
        return new Settings(port, databaseUrl, nonBlank(token), passwordIterations, maxBodyBytes, trustedProxies, sweepEvery);
    }

    /**
     * @param iterations the PBKDF2 cost
     * @return these settings with another password cost
     */
    public Settings withPasswordIterations(int iterations) {
        return new Settings(port, databaseUrl, adminToken, iterations, maxBodyBytes, trustedProxies, sweepEvery);
    }

    /**
     * @param addresses the addresses or CIDR blocks of the reverse proxies in front, as they connect (such as
     *     {@code 10.0.0.5})
     * @return these settings believing forwarding headers from those addresses only
     * @throws IllegalArgumentException if one is not an address or block
     */
    public Settings withTrustedProxies(Set<String> addresses) {
        return new Settings(port, databaseUrl, adminToken, passwordIterations, maxBodyBytes,
                TrustedProxies.of(addresses), sweepEvery);
    }

    private static TrustedProxies proxies(String list) {
        try {
            return TrustedProxies.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TRUSTED_PROXIES: " + e.getMessage(), e);
        }
    }

    /**
     * @param every the delay between rounds of the sweeps
     * @return these settings sweeping that often
     */
    public Settings withSweepEvery(Duration every) {
        return new Settings(port, databaseUrl, adminToken, passwordIterations, maxBodyBytes, trustedProxies, every);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
