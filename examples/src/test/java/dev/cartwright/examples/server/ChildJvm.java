package dev.cartwright.examples.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One of the examples' programs ({@code java dev.cartwright.examples.Main PROGRAM}) in a JVM of its own, on the
 * examples' classpath without the test classes (so it logs as it would in production), its output echoed with a
 * prefix and kept for assertions.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)");

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Pattern ready;

    private ChildJvm(String name, Process process, Pattern ready) {
        this.name = name;
        this.process = process;
        this.ready = ready;
        Thread reader = new Thread(this::echo, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code program} and waits until it logs the port it listens on.
     *
     * @param program the program's name, such as {@code monolith}
     * @param directory its working directory
     * @param environment what to add to its environment
     * @return the running program
     */
    public static ChildJvm start(String program, Path directory, Map<String, String> environment) throws IOException {
        return start(program, directory, environment, LISTENING);
    }

    /**
     * Starts {@code program} and waits until it logs a line that says it is ready.
     *
     * @param program the program's name, such as {@code microservices}
     * @param directory its working directory
     * @param environment what to add to its environment
     * @param ready the line it logs once it serves, whose first group is a port
     * @return the running program
     */
    public static ChildJvm start(String program, Path directory, Map<String, String> environment, Pattern ready)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.log.access=warn",
                "-cp", classpath(), "dev.cartwright.examples.Main", program));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        ChildJvm child = new ChildJvm(program, builder.start(), ready);
        try {
            child.port.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            child.process.destroyForcibly();
            throw new AssertionError(program + " did not start listening:\n" + String.join("\n", child.output), e);
        }
        return child;
    }

    /** The examples' runtime classpath: surefire's test classpath without the test classes. */
    private static String classpath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private void echo() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                System.out.println("[" + name + "] " + line);
                Matcher listening = ready.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            output.add("(output unreadable: " + e + ")");
        }
    }

    /** @return the port of the line that said it was ready */
    public int port() {
        return port.join();
    }

    /**
     * @param service a service's name, such as {@code order-service}
     * @return the port it logged it listens on
     */
    public int port(String service) {
        Pattern listening = Pattern.compile(Pattern.quote(service) + " listening on http://localhost:(\\d+)");
        for (String line : output) {
            Matcher matcher = listening.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError(service + " logged no port:\n" + String.join("\n", output));
    }

    /** @return what it has printed so far */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Sends SIGTERM (what {@link Process#destroy()} sends on Linux and macOS). */
    public void terminate() {
        process.destroy();
    }

    /**
     * @param seconds how long to wait
     * @return its exit code
     * @throws AssertionError if it has not exited by then
     */
    public int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still running " + seconds + " s after SIGTERM");
        }
        return process.exitValue();
    }

    /** Kills it if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
