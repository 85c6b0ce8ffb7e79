package dev.cartwright.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server running in a JVM of its own, started with this JVM's {@code java} and class path (so it works from the
 * shaded jar and from the test class path alike), with default JVM flags but those given, its output in a log file;
 * or any other server process ({@link #startProcess}, such as {@code node}). Closing it sends SIGTERM, so the
 * server's shutdown hook runs, and kills it if it has not stopped after 15 seconds.
 */
final class ChildJvm implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final Thread killOnExit;

    private ChildJvm(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.killOnExit = new Thread(process::destroyForcibly, "kill " + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code mainClass} and waits until {@code GET readyPath} answers 200.
     *
     * @param name what it is, for messages
     * @param mainClass the class whose {@code main} runs
     * @param jvmOptions options of the child JVM, such as system properties
     * @param arguments its arguments
     * @param environment variables added to this JVM's environment
     * @param port the port it will listen on
     * @param log where its standard output and error go
     * @param readyPath the path that answers 200 once it serves
     * @return the running server
     * @throws IllegalStateException if it exits or does not answer within two minutes
     */
    static ChildJvm start(String name, String mainClass, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment, int port, Path log, String readyPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        return startProcess(name, command, null, environment, port, log, readyPath);
    }

    /**
     * Starts {@code command} and waits until {@code GET readyPath} answers 200.
     *
     * @param name what it is, for messages
     * @param command the program and its arguments
     * @param directory its working folder, or {@code null} for this JVM's
     * @param environment variables added to this JVM's environment
     * @param port the port it will listen on
     * @param log where its standard output and error go
     * @param readyPath the path that answers 200 once it serves
     * @return the running server
     * @throws IllegalStateException if it exits or does not answer within two minutes
     */
    static ChildJvm startProcess(String name, List<String> command, Path directory, Map<String, String> environment,
            int port, Path log, String readyPath) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        ChildJvm child;
        try {
            child = new ChildJvm(name, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        try {
            child.awaitReady(readyPath);
            return child;
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** @return a port that was free a moment ago (the child binds it shortly after) */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code http://127.0.0.1:<port><path>} */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void awaitReady(String path) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before serving:\n"
                        + logTail());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(name + " did not answer GET " + path + " within " + START_TIMEOUT.toSeconds()
                + " s:\n" + logTail());
    }

    /** @return the last lines of the child's output, for failure messages */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will run: it only kills a process that is gone
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
