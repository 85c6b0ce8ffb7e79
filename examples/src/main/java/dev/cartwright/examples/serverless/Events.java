package dev.cartwright.examples.serverless;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.cartwright.examples.api.Exchange;
import dev.cartwright.examples.api.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * API Gateway's two event shapes to {@link Exchange} and back. Payload 1.0 (REST APIs) carries every value of a
 * repeated header or query parameter in its {@code multiValue...} maps, and a path that may start with the stage;
 * payload 2.0 (HTTP APIs) carries the path as sent in {@code rawPath}, the query string in {@code rawQueryString},
 * repeated headers joined by commas and cookies apart. A body may come base64-encoded. What cannot be read (no
 * method, a body that is not base64) is answered {@code 400}, as problem JSON, never thrown. The caller's address is
 * the one API Gateway saw ({@code requestContext.http.sourceIp}, {@code requestContext.identity.sourceIp}), never a
 * forwarding header.
 */
final class Events {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String REQUEST_ID = "X-Request-Id";

    private Events() {
    }

    /** An event that does not describe a request. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        Malformed(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static Exchange exchange(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                || blank(event.getRequestContext().getHttp().getMethod())) {
            throw new Malformed("requestContext.http.method", "the event names no HTTP method");
        }
        String path = event.getRawPath() != null ? event.getRawPath() : event.getRequestContext().getHttp().getPath();
        if (blank(path)) {
            throw new Malformed("rawPath", "the event names no path");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (value != null) {
                    headers.put(name, List.of(value));
                }
            });
        }
        gatewayRequestId(headers, event.getRequestContext().getRequestId());
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.put("cookie", List.of(String.join("; ", event.getCookies())));
        }
        Map<String, List<String>> query = event.getRawQueryString() != null ? parseQuery(event.getRawQueryString())
                : split(event.getQueryStringParameters());
        return Exchange.of(event.getRequestContext().getHttp().getMethod(),
                withoutStage(path, event.getRequestContext().getStage()), query, headers,
                body(event.getBody(), event.getIsBase64Encoded()))
                .clientAddress(event.getRequestContext().getHttp().getSourceIp());
    }

    static Exchange exchange(APIGatewayProxyRequestEvent event) {
        if (event == null || blank(event.getHttpMethod())) {
            throw new Malformed("httpMethod", "the event names no HTTP method");
        }
        if (blank(event.getPath())) {
            throw new Malformed("path", "the event names no path");
        }
        Map<String, List<String>> headers = present(event.getMultiValueHeaders())
                ? new LinkedHashMap<>(event.getMultiValueHeaders()) : single(event.getHeaders());
        Map<String, List<String>> query = present(event.getMultiValueQueryStringParameters())
                ? new LinkedHashMap<>(event.getMultiValueQueryStringParameters())
                : single(event.getQueryStringParameters());
        String stage = event.getRequestContext() == null ? null : event.getRequestContext().getStage();
        if (event.getRequestContext() != null) {
            headers = new LinkedHashMap<>(headers);
            gatewayRequestId(headers, event.getRequestContext().getRequestId());
        }
        boolean base64 = Boolean.TRUE.equals(event.getIsBase64Encoded());
        String sourceIp = event.getRequestContext() == null || event.getRequestContext().getIdentity() == null ? null
                : event.getRequestContext().getIdentity().getSourceIp();
        return Exchange.of(event.getHttpMethod(), withoutStage(event.getPath(), stage), query, headers,
                body(event.getBody(), base64)).clientAddress(sourceIp);
    }

    static APIGatewayV2HTTPResponse v2(Exchange exchange) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(exchange.status())
                .withHeaders(new LinkedHashMap<>(exchange.responseHeaders()))
                .withBody(new String(exchange.result(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }

    static APIGatewayProxyResponseEvent v1(Exchange exchange) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(exchange.status())
                .withHeaders(new LinkedHashMap<>(exchange.responseHeaders()))
                .withBody(new String(exchange.result(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false);
    }

    /**
     * @param requestId API Gateway's id of the request, or null if the event has none
     * @return the problem an event that describes no request is answered with
     */
    static Exchange malformed(Malformed e, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        gatewayRequestId(headers, requestId);
        Exchange exchange = Exchange.of("GET", "/", Map.of(), headers, new byte[0]).secure(true);
        Problems.invalid(exchange, e.field, e.getMessage());
        return exchange;
    }

    /** @return API Gateway's request id of a payload 2.0 event, or null */
    static String requestId(APIGatewayV2HTTPEvent event) {
        return event == null || event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** @return API Gateway's request id of a payload 1.0 event, or null */
    static String requestId(APIGatewayProxyRequestEvent event) {
        return event == null || event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /**
     * Without a client's {@code X-Request-Id}, API Gateway's own id of the request becomes the call's, so that the
     * answer, the function's log and the gateway's access log name the request alike.
     */
    private static void gatewayRequestId(Map<String, List<String>> headers, String requestId) {
        if (blank(requestId) || headers.keySet().stream().anyMatch(REQUEST_ID::equalsIgnoreCase)) {
            return;
        }
        headers.put(REQUEST_ID, List.of(requestId));
    }

    /** A stage's name before the path, as a REST API's default endpoint or a named HTTP API stage sends it. */
    private static String withoutStage(String path, String stage) {
        if (blank(stage) || stage.equals("$default")) {
            return path;
        }
        String prefix = "/" + stage;
        if (path.equals(prefix)) {
            return "/";
        }
        return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
    }

    private static byte[] body(String body, boolean base64) {
        if (body == null) {
            return new byte[0];
        }
        if (!base64) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            // The MIME decoder would skip any character outside the alphabet and decode garbage into bytes.
            return Base64.getDecoder().decode(WHITESPACE.matcher(body).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new Malformed("body", "isBase64Encoded is true but the body is not base64");
        }
    }

    /** Parses a raw query string as every host does ({@link Exchange#parseQuery}). */
    static Map<String, List<String>> parseQuery(String raw) {
        try {
            return Exchange.parseQuery(raw);
        } catch (IllegalArgumentException e) {
            throw new Malformed("rawQueryString", e.getMessage());
        }
    }

    /** Payload 2.0 joins the values of a repeated query parameter with commas, when it has no raw query string. */
    private static Map<String, List<String>> split(Map<String, String> values) {
        Map<String, List<String>> split = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    split.put(name, List.of(value.split(",", -1)));
                }
            });
        }
        return split;
    }

    private static Map<String, List<String>> single(Map<String, String> values) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    lists.put(name, List.of(value));
                }
            });
        }
        return lists;
    }

    private static boolean present(Map<String, List<String>> values) {
        return values != null && !values.isEmpty();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
