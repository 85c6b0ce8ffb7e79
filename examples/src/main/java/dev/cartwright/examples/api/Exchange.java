package dev.cartwright.examples.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of the shop's HTTP API: the request as it arrived, whatever carried it (the monolith's server, an API
 * Gateway event, {@code serverless-local}), and the response the routes build for it. A host turns what it received
 * into an exchange, hands it to {@link ShopApi#handle}, and sends back {@link #status()}, {@link #responseHeaders()}
 * and {@link #result()}. Header names are matched ignoring case; a header or query parameter sent several times
 * keeps every value. Not thread-safe: one per request.
 */
public final class Exchange {

    /** The {@link #clientAddress()} of a call whose host did not say where it came from. */
    public static final String UNKNOWN_ADDRESS = "unknown";

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private Map<String, String> pathParams = Map.of();
    private String route;
    private String requestId = "-";
    private String clientAddress = UNKNOWN_ADDRESS;
    private int status = 200;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private byte[] result = new byte[0];
    private boolean secure;

    private Exchange(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
            byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path.isEmpty() ? "/" : path;
        this.query = copy(query, false);
        this.headers = copy(headers, true);
        this.body = body.clone();
    }

    /**
     * @param method the HTTP method, in any case
     * @param path the path as sent, percent-encoded, without the query string; empty means {@code /}
     * @param query the query parameters, decoded, each with its values in the order sent
     * @param headers the request headers, each with its values in the order sent
     * @param body the request body, decoded from base64 if it came so; empty for none
     * @return the exchange, with a {@code 200} and an empty body as its response so far
     */
    public static Exchange of(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body) {
        return new Exchange(method, path, query, headers, body);
    }

    /**
     * Parses a raw query string the one way every host must: {@code a=1&b=2&a=3} into every value of each name in
     * the order sent, percent escapes and {@code +} decoded as in a form.
     *
     * @param raw the query string as sent, without the {@code ?}; empty for none
     * @return each name with its values
     * @throws IllegalArgumentException if an escape is broken ({@code %ZZ}); hosts answer it {@code 400}
     */
    public static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query string has a broken escape: " + text, e);
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> values, boolean lowerCaseNames) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            if (name != null && list != null) {
                copy.computeIfAbsent(lowerCaseNames ? name.toLowerCase(Locale.ROOT) : name,
                        key -> new ArrayList<>()).addAll(list.stream().filter(Objects::nonNull).toList());
            }
        });
        copy.replaceAll((name, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the method, upper case */
    public String method() {
        return method;
    }

    /** @return the path as sent, percent-encoded */
    public String path() {
        return path;
    }

    /** @return the first value of the request header, or {@code null} */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return the first value of the query parameter, or {@code null} */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return every value of the query parameter, in the order sent */
    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** @return the value of a path parameter of the matched route, such as {@code id} in {@code /orders/{id}} */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route " + route + " has no path parameter " + name);
        }
        return value;
    }

    /** @return the request body; empty for none */
    public byte[] bodyAsBytes() {
        return body.clone();
    }

    /** @return the size of the request body */
    int bodyLength() {
        return body.length;
    }

    /**
     * Says whether the request came over TLS: to this host, or to a proxy in front of it that the host trusts
     * to say so. {@link ShopApi} sends {@code Strict-Transport-Security} only then.
     *
     * @param overTls whether it did; false unless a host says so
     * @return this exchange
     */
    public Exchange secure(boolean overTls) {
        this.secure = overTls;
        return this;
    }

    /** @return whether the request came over TLS, as its host said */
    public boolean secure() {
        return secure;
    }

    /** @return the request's {@code Content-Type}, or {@code null} */
    public String contentType() {
        return header("Content-Type");
    }

    /** @return the matched route's pattern, such as {@code /orders/{id}}; empty if none matched */
    public Optional<String> route() {
        return Optional.ofNullable(route);
    }

    /**
     * @return the address of the caller as the host saw it (the peer of its socket, or what API Gateway names the
     *     source), never a header a client could write such as {@code X-Forwarded-For}; {@value #UNKNOWN_ADDRESS}
     *     if the host did not say, in which case every such call shares one address's limits
     */
    public String clientAddress() {
        return clientAddress;
    }

    /**
     * Sets where the call came from, as the host saw it: hosts call it before {@link ShopApi#handle}.
     *
     * @param address the caller's address, such as {@code 203.0.113.7} or {@code 2001:db8::1}; null or blank for
     *     unknown
     * @return this exchange
     */
    public Exchange clientAddress(String address) {
        this.clientAddress = address == null || address.isBlank() ? UNKNOWN_ADDRESS : address.strip();
        return this;
    }

    /** @return the id of this request, echoed in {@code X-Request-Id} */
    public String requestId() {
        return requestId;
    }

    void matched(String pattern, Map<String, String> params) {
        this.route = pattern;
        this.pathParams = Map.copyOf(params);
    }

    void requestId(String id) {
        this.requestId = id;
    }

    /** Sets the response status. */
    public Exchange status(int code) {
        this.status = code;
        return this;
    }

    /** Sets a response header, replacing one of the same name. */
    public Exchange header(String name, String value) {
        responseHeaders.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        responseHeaders.put(name, value);
        return this;
    }

    /** Sets the response's {@code Content-Type}. */
    public Exchange contentType(String type) {
        return header("Content-Type", type);
    }

    /** Sets the response body. */
    public Exchange result(byte[] bytes) {
        this.result = bytes.clone();
        return this;
    }

    /** Sets the response body, as UTF-8. */
    public Exchange result(String text) {
        return result(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the response status */
    public int status() {
        return status;
    }

    /** @return the response headers, in the order set */
    public Map<String, String> responseHeaders() {
        return Collections.unmodifiableMap(responseHeaders);
    }

    /** @return the response body */
    public byte[] result() {
        return result.clone();
    }
}
