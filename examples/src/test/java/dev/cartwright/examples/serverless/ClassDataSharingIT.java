package dev.cartwright.examples.serverless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AppCDS archive that {@code package} trains ({@code examples/target/cartwright-examples.jsa}) maps for the
 * jar it was trained on: each local command run with {@code -Xshare:on}, which refuses to start a JVM whose archive
 * does not map, answers as without it, and loads the function's classes from the archive. Run by failsafe after
 * {@code package}; skipped, saying why, when the jar or the archive is not there.
 */
class ClassDataSharingIT {

    private static final Path JAR = Path.of(System.getProperty("cartwright.examples.jar",
            "target/cartwright-examples.jar")).toAbsolutePath();
    private static final Path ARCHIVE = Path.of(System.getProperty("cartwright.examples.jsa",
            "target/cartwright-examples.jsa")).toAbsolutePath();
    private static final Path EVENTS = Path.of("serverless", "events", "v2");
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");

    @TempDir
    Path scratch;

    @BeforeEach
    void requireTheJarAndItsArchive() {
        assumeTrue(Files.isRegularFile(JAR) && Files.isRegularFile(ARCHIVE), JAR + " or " + ARCHIVE
                + " is not built: package builds both, so run ./mvnw -B verify, which runs this test after package");
    }

    @Test
    void lambdaLocalMapsTheArchiveAndAnswers() throws Exception {
        Path classLoads = scratch.resolve("class-load.log");
        Run run = java(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE,
                "-Xlog:class+load=info:file=" + classLoads, "-jar", JAR.toString(), "lambda-local",
                EVENTS.resolve("get-products.json").toString()));

        assertThat(run.exitCode()).as(run.errors()).isZero();
        assertThat(run.output()).hasSize(1);
        assertThat(run.output().get(0)).startsWith("{\"statusCode\":200,");
        assertThat(Files.readAllLines(classLoads)).as("the handler's class comes from the archive")
                .anyMatch(line -> line.contains(HttpApiHandler.class.getName() + " source: shared objects file"));
    }

    @Test
    void lambdaLocalAnswersSeveralEventsInOrder() throws Exception {
        Run run = java(List.of("-jar", JAR.toString(), "lambda-local",
                EVENTS.resolve("get-health.json").toString(), EVENTS.resolve("post-carts.json").toString(),
                EVENTS.resolve("get-products.json").toString()));

        assertThat(run.exitCode()).as(run.errors()).isZero();
        assertThat(run.output()).hasSize(3);
        assertThat(run.output().get(0)).startsWith("{\"statusCode\":200,").contains("UP");
        assertThat(run.output().get(1)).startsWith("{\"statusCode\":201,").contains("Cart-Secret");
        assertThat(run.output().get(2)).startsWith("{\"statusCode\":200,").contains("MUG-1");
    }

    @Test
    void serverlessLocalMapsTheArchiveAndAnswers() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE,
                "-jar", JAR.toString(), "serverless-local"))).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        Process server = builder.start();
        try (BufferedReader log = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String port = null;
            while (port == null) {
                String line = log.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
                Matcher listening = LISTENING.matcher(line);
                port = listening.find() ? listening.group(1) : null;
            }
            assertThat(port).as("serverless-local started; it said %s", lines).isNotNull();
            HttpResponse<String> products = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/products")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(products.statusCode()).as(products.body()).isEqualTo(200);
            assertThat(products.body()).contains("MUG-1");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Run(int exitCode, List<String> output, String errors) {
    }

    private Run java(List<String> arguments) throws IOException, InterruptedException {
        Path out = scratch.resolve("out.txt");
        Path err = scratch.resolve("err.txt");
        Process process = new ProcessBuilder(command(arguments)).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM exits").isTrue();
        return new Run(process.exitValue(), Files.readAllLines(out), Files.readString(err));
    }

    private static List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.addAll(arguments);
        return command;
    }
}
