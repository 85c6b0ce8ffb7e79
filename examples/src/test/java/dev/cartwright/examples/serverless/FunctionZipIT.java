package dev.cartwright.examples.serverless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment package that {@code package} builds ({@code examples/target/cartwright-function.zip}): it holds the
 * handlers and none of the monolith, and it is enough on its own to answer an event. Run by failsafe after
 * {@code package}, in {@code ./mvnw -B verify}; skipped, saying why, when the zip is not there.
 */
class FunctionZipIT {

    private static final Path ZIP = Path.of(System.getProperty("cartwright.function.zip",
            "target/cartwright-function.zip"));
    private static final String HTTP_API_HANDLER = "dev.cartwright.examples.serverless.HttpApiHandler";
    private static final String REST_API_HANDLER = "dev.cartwright.examples.serverless.RestApiHandler";
    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";
    private static final String LIST_PRODUCTS_V2 = """
            {
              "version": "2.0",
              "routeKey": "GET /products",
              "rawPath": "/products",
              "rawQueryString": "",
              "headers": {"accept": "application/json", "host": "shop.example"},
              "requestContext": {
                "accountId": "123456789012",
                "apiId": "api",
                "domainName": "shop.example",
                "http": {"method": "GET", "path": "/products", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1",
                         "userAgent": "FunctionZipIT"},
                "requestId": "zip-1",
                "routeKey": "GET /products",
                "stage": "$default",
                "time": "30/Nov/2026:20:00:00 +0000",
                "timeEpoch": 1796068800000
              },
              "isBase64Encoded": false
            }
            """;
    private static final String LIST_PRODUCTS_V1 = """
            {
              "resource": "/{proxy+}",
              "path": "/prod/products",
              "httpMethod": "GET",
              "headers": {"Accept": "application/json", "Host": "shop.example"},
              "multiValueHeaders": {"Accept": ["application/json"], "Host": ["shop.example"]},
              "queryStringParameters": null,
              "multiValueQueryStringParameters": null,
              "pathParameters": {"proxy": "products"},
              "requestContext": {
                "accountId": "123456789012",
                "apiId": "api",
                "httpMethod": "GET",
                "path": "/prod/products",
                "requestId": "zip-2",
                "requestTimeEpoch": 1796068800000,
                "resourcePath": "/{proxy+}",
                "stage": "prod"
              },
              "body": null,
              "isBase64Encoded": false
            }
            """;

    @TempDir
    static Path unpacked;

    private static List<String> entries;

    @BeforeAll
    static void unpack() throws IOException {
        if (!Files.isRegularFile(ZIP)) {
            return;
        }
        entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ZIP))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
                Path target = unpacked.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(unpacked)).as(entry.getName()).isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }

    /** Each test, not the class, is skipped, so that the reason shows in the report. */
    @BeforeEach
    void requireTheZip() {
        assumeTrue(entries != null, ZIP.toAbsolutePath() + " is not built: package builds it, so run ./mvnw -B verify,"
                + " which runs this test after package");
    }

    @Test
    void holdsTheHandlersAndNeitherTheMonolithNorTheLocalTools() {
        assertThat(entries).contains(
                "dev/cartwright/examples/serverless/HttpApiHandler.class",
                "dev/cartwright/examples/serverless/RestApiHandler.class",
                "dev/cartwright/examples/api/ShopApi.class");
        assertThat(entries).noneMatch(name -> name.startsWith("dev/cartwright/examples/monolith/")
                || name.startsWith("dev/cartwright/examples/tour/")
                || name.equals("dev/cartwright/examples/Main.class")
                || name.matches("dev/cartwright/examples/serverless/(LambdaLocal|ServerlessLocal|LocalContext).*"));
        List<String> jars = entries.stream().filter(name -> name.startsWith("lib/") && name.endsWith(".jar")).toList();
        assertThat(jars).anyMatch(jar -> jar.startsWith("lib/cartwright-core-"))
                .anyMatch(jar -> jar.startsWith("lib/cartwright-storage-jdbc-"))
                .anyMatch(jar -> jar.startsWith("lib/postgresql-"))
                .anyMatch(jar -> jar.startsWith("lib/aws-lambda-java-events-"))
                .anyMatch(jar -> jar.startsWith("lib/joda-time-"));
        assertThat(jars).as("the monolith's server, metrics and test databases, and the runtime's own serializer")
                .noneMatch(jar -> jar.matches("lib/(javalin|jetty|kotlin|micrometer|prometheus|h2|mariadb"
                        + "|aws-lambda-java-serialization|junit|assertj).*"));
        assertThat(entries).as("classes at the root, jars under lib/: the Java runtime's zip layout")
                .allMatch(name -> name.startsWith("dev/") || name.startsWith("lib/")
                        || name.equals("simplelogger.properties"));
    }

    @Test
    void answersAnHttpApiEventWithNothingButTheZip() throws Exception {
        try (URLClassLoader function = functionLoader()) {
            JsonNode response = invoke(function, () -> function.loadClass(HTTP_API_HANDLER).getConstructor()
                    .newInstance(), "APIGatewayV2HTTPEvent", "APIGatewayV2HTTPResponse", LIST_PRODUCTS_V2);
            assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
            JsonNode products = new ObjectMapper().readTree(response.path("body").asText());
            assertThat(products.findValuesAsText("name")).contains("Enamel mug");
        }
    }

    @Test
    void answersARestApiEventWithNothingButTheZip() throws Exception {
        try (URLClassLoader function = functionLoader()) {
            JsonNode response = invoke(function, () -> function.loadClass(REST_API_HANDLER).getConstructor()
                    .newInstance(), "APIGatewayProxyRequestEvent", "APIGatewayProxyResponseEvent", LIST_PRODUCTS_V1);
            assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
            JsonNode products = new ObjectMapper().readTree(response.path("body").asText());
            assertThat(products.findValuesAsText("name")).contains("Enamel mug");
        }
    }

    @Test
    void reachesPostgresqlWithNothingButTheZip() throws Exception {
        String url = System.getenv("CARTWRIGHT_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "CARTWRIGHT_POSTGRES_URL not set: the zip's JDBC path is not tried");
        String schema = "cw_" + UUID.randomUUID().toString().replace("-", "");
        execute(url, "CREATE SCHEMA " + schema);
        // Not closed: the shop's connection pool outlives the test, and would lose its classes with the loader.
        URLClassLoader function = functionLoader();
        // DriverManager looked for drivers once, on this JVM's class path, before the zip's loader existed; in the
        // function's own JVM it finds the zip's driver itself. Loading the driver registers it.
        Class.forName("org.postgresql.Driver", true, function);
        try {
            JsonNode response = invoke(function, () -> {
                Class<?> shop = function.loadClass("dev.cartwright.examples.serverless.ServerlessShop");
                Method build = shop.getDeclaredMethod("build", Map.class);
                build.setAccessible(true);
                Object api = build.invoke(null, Map.of("DATABASE_URL",
                        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema));
                Class<?> handler = function.loadClass(HTTP_API_HANDLER);
                Constructor<?> overApi = handler.getDeclaredConstructor(api.getClass());
                overApi.setAccessible(true);
                return overApi.newInstance(api);
            }, "APIGatewayV2HTTPEvent", "APIGatewayV2HTTPResponse", LIST_PRODUCTS_V2);
            assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(response.path("body").asText()).size()).isEqualTo(4);
        } finally {
            execute(url, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * What the Lambda Java runtime does with the unpacked zip: a class loader over its root and {@code lib/*.jar},
     * set as the thread's context loader while the function runs, whose parent holds the runtime's own classes. Here
     * that parent holds only the serializer the runtime reads events with ({@code aws-lambda-java-serialization},
     * which the zip leaves out), over the platform loader: nothing else of this build is visible.
     */
    private static URLClassLoader functionLoader() throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(unpacked.toUri().toURL());
        try (Stream<Path> jars = Files.list(unpacked.resolve("lib"))) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader("function", urls.toArray(URL[]::new), runtimeLoader());
    }

    private static ClassLoader runtimeLoader() throws IOException {
        URL serialization = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
        assertThat(serialization.getPath()).as("the serializer's own jar, not a jar that bundles it")
                .matches(".*/aws-lambda-java-serialization-[^/]*\\.jar");
        return new URLClassLoader("runtime", new URL[] {serialization}, ClassLoader.getPlatformClassLoader());
    }

    /**
     * Creates a handler in the function's loader and hands it one event, as the runtime does.
     *
     * @param eventType the simple name of the handler's event class, in {@code aws-lambda-java-events}
     * @param responseType the simple name of its response class
     * @return the response as the runtime would send it back
     */
    private static JsonNode invoke(URLClassLoader function, Callable<Object> newHandler, String eventType,
            String responseType, String eventJson) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(function);
        try {
            Object handler = newHandler.call();
            assertThat(handler.getClass().getClassLoader()).as("the handler comes from the zip").isSameAs(function);
            Class<?> eventClass = function.loadClass(EVENTS + eventType);
            Object event = fromJson(function, eventClass, eventJson);
            Method handleRequest = handler.getClass().getMethod("handleRequest", eventClass,
                    function.loadClass("com.amazonaws.services.lambda.runtime.Context"));
            // The handlers do not read the context.
            Object response = handleRequest.invoke(handler, event, null);
            return new ObjectMapper().readTree(toJson(function, function.loadClass(EVENTS + responseType), response));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Reads an event into the function's event class with the runtime's serializer, asked for as the runtime asks. */
    private static Object fromJson(ClassLoader function, Class<?> type, String json) throws ReflectiveOperationException {
        return pojoSerializer(function).getMethod("fromJson", String.class).invoke(serializer(function, type), json);
    }

    private static String toJson(ClassLoader function, Class<?> type, Object value) throws ReflectiveOperationException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        pojoSerializer(function).getMethod("toJson", Object.class, OutputStream.class)
                .invoke(serializer(function, type), value, json);
        return json.toString(StandardCharsets.UTF_8);
    }

    private static Object serializer(ClassLoader function, Class<?> type) throws ReflectiveOperationException {
        return function.getParent().loadClass(LambdaEventSerializers.class.getName())
                .getMethod("serializerFor", Class.class, ClassLoader.class).invoke(null, type, function);
    }

    private static Class<?> pojoSerializer(ClassLoader function) throws ClassNotFoundException {
        return function.getParent().loadClass("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer");
    }

    private static void execute(String url, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
