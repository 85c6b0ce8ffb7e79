package dev.cartwright.examples.micro;

import dev.cartwright.examples.server.TrustedProxies;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a microservice is configured with, read from environment variables:
 * <ul>
 * <li>{@code PORT}: its HTTP port (user-service 8080, product-service 8081, order-service 8082 by default; 0 picks a
 *     free one);
 * <li>its store: {@code DATABASE_URL} (a JDBC URL; on PostgreSQL, a {@code currentSchema} it names is created if
 *     missing) when given; otherwise, when {@code DB_HOST} is set, a PostgreSQL
 *     server at {@code DB_HOST}:{@code DB_PORT} (5432), database {@code DB_NAME} ({@code cartwright}), as
 *     {@code DB_USER} ({@code postgres}) with {@code DB_PASSWORD}, in a schema of the service's own
 *     ({@code user_service}, {@code product_service}, {@code order_service}), created if missing; otherwise an
 *     embedded H2 file under {@code ./data/} named for the service;
 * <li>{@code ADMIN_TOKEN}: the bearer token of the {@code /admin} routes (generated and printed when unset);
 * <li>{@code SERVICE_TOKEN}: the bearer token services present to each other (product-service's stock routes);
 *     product-service generates and prints one when unset, order-service requires it;
 * <li>{@code USER_SERVICE_URL} ({@code http://localhost:8080}) and {@code PRODUCT_SERVICE_URL}
 *     ({@code http://localhost:8081}): where order-service finds the other two (product-service asks
 *     user-service only whose a customer's token on its admin routes is);
 * <li>{@code TRUSTED_PROXIES}: the addresses or CIDR blocks, comma-separated, of the proxies in front of the service
 *     (its edge router, a load balancer), whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed;
 *     none by default.
 * </ul>
 *
 * @param port the HTTP port, 0 for any free one
 * @param databaseUrl the JDBC URL of the service's database; empty to derive it (see above)
 * @param dbHost the PostgreSQL server of every service's schema; empty for embedded H2
 * @param dbPort its port
 * @param dbName its database
 * @param dbUser the user to connect as
 * @param dbPassword the password, if any
 * @param adminToken the admin bearer token; empty to generate one
 * @param serviceToken the token between services; empty to generate one (product-service) or fail (order-service)
 * @param userServiceUrl where user-service answers
 * @param productServiceUrl where product-service answers
 * @param passwordIterations the PBKDF2 cost of passwords (tests lower it)
 * @param maxBodyBytes the largest request body accepted
 * @param trustedProxies the proxies in front (the edge, a load balancer) whose {@code X-Forwarded-For} and
 *     {@code X-Forwarded-Proto} are believed
 */
public record ServiceSettings(int port, Optional<String> databaseUrl, Optional<String> dbHost, int dbPort, String dbName,
        String dbUser, Optional<String> dbPassword, Optional<String> adminToken, Optional<String> serviceToken,
        URI userServiceUrl, URI productServiceUrl, int passwordIterations, long maxBodyBytes,
        TrustedProxies trustedProxies) {

    /** user-service's port when {@code PORT} is unset. */
    public static final int USER_SERVICE_PORT = 8080;
    /** product-service's port when {@code PORT} is unset. */
    public static final int PRODUCT_SERVICE_PORT = 8081;
    /** order-service's port when {@code PORT} is unset. */
    public static final int ORDER_SERVICE_PORT = 8082;

    /** Checks the values. */
    public ServiceSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("PORT must be 0 to 65535, not " + port);
        }
        if (dbPort < 1 || dbPort > 65_535) {
            throw new IllegalArgumentException("DB_PORT must be 1 to 65535, not " + dbPort);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /**
     * @param environment the environment, such as {@link System#getenv()}
     * @param defaultPort the service's port when {@code PORT} is unset
     * @return the settings it names, with defaults for what it leaves out
     * @throws IllegalArgumentException if a number or URL is malformed
     */
    public static ServiceSettings fromEnvironment(Map<String, String> environment, int defaultPort) {
        return new ServiceSettings(
                number(environment, "PORT", defaultPort),
                nonBlank(environment.get("DATABASE_URL")),
                nonBlank(environment.get("DB_HOST")),
                number(environment, "DB_PORT", 5432),
                nonBlank(environment.get("DB_NAME")).orElse("cartwright"),
                nonBlank(environment.get("DB_USER")).orElse("postgres"),
                nonBlank(environment.get("DB_PASSWORD")),
                nonBlank(environment.get("ADMIN_TOKEN")),
                nonBlank(environment.get("SERVICE_TOKEN")),
                url(environment, "USER_SERVICE_URL", "http://localhost:" + USER_SERVICE_PORT),
                url(environment, "PRODUCT_SERVICE_URL", "http://localhost:" + PRODUCT_SERVICE_PORT),
                600_000,
                64 * 1024,
                proxies(environment.get("TRUSTED_PROXIES")));
    }

    /**
     * @param defaultPort the service's port
     * @return settings with every default and nothing from the environment
     */
    public static ServiceSettings defaults(int defaultPort) {
        return fromEnvironment(Map.of(), defaultPort);
    }

    /**
     * @param service the service's name, such as {@code order-service}
     * @return the JDBC URL of its store, and the schema to create first if it is a PostgreSQL schema of its own
     */
    Store store(String service) {
        if (databaseUrl.isPresent()) {
            return new Store(databaseUrl.get(), currentSchema(databaseUrl.get()));
        }
        String schema = service.replace('-', '_');
        if (dbHost.isPresent()) {
            StringBuilder url = new StringBuilder("jdbc:postgresql://").append(dbHost.get()).append(':').append(dbPort)
                    .append('/').append(dbName).append("?currentSchema=").append(schema).append("&user=").append(dbUser);
            dbPassword.ifPresent(password -> url.append("&password=").append(password));
            return new Store(url.toString(), Optional.of(schema));
        }
        return new Store("jdbc:h2:file:./data/" + service + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;"
                + "QUERY_CACHE_SIZE=64", Optional.empty());
    }

    /** @return the {@code currentSchema} a PostgreSQL URL names, which must exist before the pool uses it */
    private static Optional<String> currentSchema(String url) {
        Matcher schema = Pattern.compile("[?&]currentSchema=([A-Za-z_][A-Za-z0-9_]*)(&|$)")
                .matcher(url);
        return url.startsWith("jdbc:postgresql:") && schema.find() ? Optional.of(schema.group(1)) : Optional.empty();
    }

    /**
     * Where a service's store is.
     *
     * @param jdbcUrl the URL to connect to
     * @param schema the PostgreSQL schema to create before connecting with it, if any
     */
    record Store(String jdbcUrl, Optional<String> schema) {

        /** @return the URL without its password, for the start-up message */
        String describe() {
            return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
        }
    }

    /**
     * @param newPort the port
     * @return these settings on another port
     */
    public ServiceSettings withPort(int newPort) {
        return new ServiceSettings(newPort, databaseUrl, dbHost, dbPort, dbName, dbUser, dbPassword, adminToken,
                serviceToken, userServiceUrl, productServiceUrl, passwordIterations, maxBodyBytes,
                trustedProxies);
    }

    /**
     * @param url a JDBC URL
     * @return these settings on that database
     */
    public ServiceSettings withDatabaseUrl(String url) {
        return new ServiceSettings(port, nonBlank(url), dbHost, dbPort, dbName, dbUser, dbPassword, adminToken,
                serviceToken, userServiceUrl, productServiceUrl, passwordIterations, maxBodyBytes,
                trustedProxies);
    }

    /**
     * @param admin the admin bearer token
     * @param service the token between services
     * @return these settings with those tokens
     */
    public ServiceSettings withTokens(String admin, String service) {
        return new ServiceSettings(port, databaseUrl, dbHost, dbPort, dbName, dbUser, dbPassword, nonBlank(admin),
                nonBlank(service), userServiceUrl, productServiceUrl, passwordIterations, maxBodyBytes,
                trustedProxies);
    }

    /**
     * @param users where user-service answers
     * @param products where product-service answers
     * @return these settings calling those services
     */
    public ServiceSettings withServices(URI users, URI products) {
        return new ServiceSettings(port, databaseUrl, dbHost, dbPort, dbName, dbUser, dbPassword, adminToken,
                serviceToken, users, products, passwordIterations, maxBodyBytes,
                trustedProxies);
    }

    /**
     * @param iterations the PBKDF2 cost
     * @return these settings with another password cost
     */
    public ServiceSettings withPasswordIterations(int iterations) {
        return new ServiceSettings(port, databaseUrl, dbHost, dbPort, dbName, dbUser, dbPassword, adminToken,
                serviceToken, userServiceUrl, productServiceUrl, iterations, maxBodyBytes,
                trustedProxies);
    }

    /**
     * @param proxies the proxies in front of the service
     * @return these settings believing forwarding headers from those only
     */
    public ServiceSettings withTrustedProxies(TrustedProxies proxies) {
        return new ServiceSettings(port, databaseUrl, dbHost, dbPort, dbName, dbUser, dbPassword, adminToken,
                serviceToken, userServiceUrl, productServiceUrl, passwordIterations, maxBodyBytes, proxies);
    }

    private static TrustedProxies proxies(String list) {
        try {
            return TrustedProxies.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TRUSTED_PROXIES: " + e.getMessage(), e);
        }
    }

    private static int number(Map<String, String> environment, String name, int fallback) {
        String value = environment.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + value, e);
        }
    }

    private static URI url(Map<String, String> environment, String name, String fallback) {
        String value = nonBlank(environment.get(name)).orElse(fallback);
        URI uri;
        try {
            uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a URL such as " + fallback + ", not " + value, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL such as " + fallback + ", not " + value);
        }
        return uri;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
