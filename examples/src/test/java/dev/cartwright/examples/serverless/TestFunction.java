package dev.cartwright.examples.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cartwright.examples.api.ShopApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A warm function container for tests: one in-memory demo shop behind both handlers, invoked the way the Lambda
 * runtime invokes them (the event read and the response written by the runtime's serializers, through
 * {@link LambdaLocal}). Also reads the shipped sample events and builds events of either payload version.
 */
final class TestFunction {

    static final String ADMIN_TOKEN = "demo-admin-token";
    static final Path EVENTS = Path.of("serverless", "events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    /** The payload versions, by their folder under {@code serverless/events}. */
    enum Version {
        V1("v1"), V2("v2");

        final String folder;

        Version(String folder) {
            this.folder = folder;
        }
    }

    final ShopApi api;
    final HttpApiHandler httpApi;
    final RestApiHandler restApi;

    TestFunction() {
        api = ServerlessShop.build(Map.of("ADMIN_TOKEN", ADMIN_TOKEN, "PASSWORD_ITERATIONS", "1000"));
        httpApi = new HttpApiHandler(api);
        restApi = new RestApiHandler(api);
    }

    /** @return the function's answer to the event, as the runtime would write it */
    Reply invoke(String event) {
        return Reply.parse(LambdaLocal.invoke(event, () -> httpApi, () -> restApi));
    }

    /**
     * @return a shipped sample event with its {@code {{name}}} placeholders filled in
     * @throws AssertionError if the event has a placeholder without a value
     */
    static String sample(Version version, String name, Map<String, String> values) {
        String text = read(EVENTS.resolve(version.folder).resolve(name + ".json"));
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            assertThat(value).as("a value for {{%s}} in %s/%s", matcher.group(1), version.folder, name).isNotNull();
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** @return the sample event's file name for a route of the table, such as {@code get-products-id} */
    static String sampleName(String route) {
        String[] parts = route.split(" ", 2);
        StringBuilder name = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
        for (String segment : parts[1].split("/")) {
            if (!segment.isEmpty()) {
                name.append('-').append(segment.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT));
            }
        }
        return name.toString();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An event as API Gateway would send it for a request.
     *
     * @param target the path as sent, with the query string if any
     * @param headers name, value, name, value ...
     */
    static String event(Version version, String method, String target, String body, String... headers) {
        return version == Version.V1 ? v1(method, target, body, headers) : v2(method, target, body, headers);
    }

    private static String v1(String method, String target, String body, String... headers) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", path);
        event.put("path", path);
        event.put("httpMethod", method);
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        for (int i = 0; i < headers.length; i += 2) {
            single.put(headers[i], headers[i + 1]);
            ArrayNode values = multi.has(headers[i]) ? (ArrayNode) multi.get(headers[i]) : multi.putArray(headers[i]);
            values.add(headers[i + 1]);
        }
        if (target.contains("?")) {
            ObjectNode query = event.putObject("queryStringParameters");
            ObjectNode multiQuery = event.putObject("multiValueQueryStringParameters");
            Events.parseQuery(target.substring(target.indexOf('?') + 1)).forEach((name, values) -> {
                query.put(name, values.get(values.size() - 1));
                values.forEach(multiQuery.putArray(name)::add);
            });
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("stage", "prod");
        context.put("path", "/prod" + path);
        context.put("httpMethod", method);
        context.put("requestId", UUID.randomUUID().toString());
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    private static String v2(String method, String target, String body, String... headers) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", target.contains("?") ? target.substring(target.indexOf('?') + 1) : "");
        ObjectNode single = event.putObject("headers");
        for (int i = 0; i < headers.length; i += 2) {
            String name = headers[i].toLowerCase(Locale.ROOT);
            single.put(name, single.has(name) ? single.get(name).asText() + "," + headers[i + 1] : headers[i + 1]);
        }
        ObjectNode context = event.putObject("requestContext");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        http.put("userAgent", "test");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A function's response as the runtime wrote it. */
    record Reply(int status, Map<String, String> headers, String body) {

        static Reply parse(String json) {
            try {
                JsonNode response = JSON.readTree(json);
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                JsonNode given = response.path("headers");
                for (Iterator<String> names = given.fieldNames(); names.hasNext();) {
                    String name = names.next();
                    headers.put(name, given.get(name).asText());
                }
                assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
                return new Reply(response.get("statusCode").asInt(), headers, response.path("body").asText(""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** Asserts the status, the headers every answer carries, and a JSON body (problem JSON from 400 on). */
        Reply expect(int expected) {
            assertThat(status).as("status; body %s", body).isEqualTo(expected);
            assertThat(header("X-Content-Type-Options")).contains("nosniff");
            assertThat(header("Cache-Control")).contains("no-store");
            assertThat(header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
            if (expected == 204) {
                assertThat(body).isEmpty();
            } else if (expected >= 400) {
                assertThat(header("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
                assertThat(json().get("status").asInt()).isEqualTo(expected);
                assertThat(json().get("requestId").asText()).isEqualTo(header("X-Request-Id").orElseThrow());
            } else {
                assertThat(header("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/json"));
                json();
            }
            return this;
        }

        List<String> skus() {
            List<String> skus = new java.util.ArrayList<>();
            json().forEach(product -> skus.add(product.get("sku").asText()));
            return skus;
        }
    }
}
