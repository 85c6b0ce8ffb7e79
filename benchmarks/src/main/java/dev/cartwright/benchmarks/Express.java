package dev.cartwright.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The seed's Express server ({@code benchmarks/express/server.js}, Express 4 pinned in its {@code package.json}),
 * an HTTP peer of the monolith in the {@code http} benchmark: {@code node} and {@code npm} from the {@code PATH},
 * its dependencies installed with {@code npm install} the first time (into {@code benchmarks/express/node_modules},
 * which git ignores).
 *
 * @param folder the folder holding {@code server.js} and {@code package.json}
 * @param node the {@code node} binary
 * @param npm the {@code npm} script
 */
record Express(Path folder, Path node, Path npm) {

    /** The system name in the report. */
    static final String NAME = "Express (the seed's server.js)";
    /** What the report says when {@code node} or {@code npm} is missing. */
    static final String MISSING = "skipped: node or npm not found; install Node.js with npm (Debian: "
            + "`apt-get install nodejs npm`) for the Express peer";
    /** What the report says when {@code benchmarks/express} is not found from the working folder. */
    static final String NO_FOLDER = "skipped: benchmarks/express/server.js not found; run from the repository root "
            + "or set -Dcartwright.express=<folder>";

    private static final long INSTALL_TIMEOUT_SECONDS = 300;

    /**
     * @return the peer, or why it cannot run here ({@link #MISSING}, {@link #NO_FOLDER})
     */
    static Found find() {
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        if (node.isEmpty() || npm.isEmpty()) {
            return new Found(Optional.empty(), MISSING);
        }
        Optional<Path> folder = expressFolder();
        if (folder.isEmpty()) {
            return new Found(Optional.empty(), NO_FOLDER);
        }
        return new Found(Optional.of(new Express(folder.get(), node.get(), npm.get())), "");
    }

    /**
     * The outcome of {@link #find()}.
     *
     * @param express the peer, if it can run
     * @param whyNot why not, otherwise
     */
    record Found(Optional<Express> express, String whyNot) {
    }

    /** {@code -Dcartwright.express}, or {@code benchmarks/express} from the repository root or the module's folder. */
    private static Optional<Path> expressFolder() {
        String chosen = System.getProperty("cartwright.express");
        List<Path> candidates = chosen != null ? List.of(Path.of(chosen))
                : List.of(Path.of("benchmarks", "express"), Path.of("express"), Path.of("..", "benchmarks", "express"));
        return candidates.stream().filter(folder -> Files.isRegularFile(folder.resolve("server.js")))
                .map(folder -> folder.toAbsolutePath().normalize()).findFirst();
    }

    private static Optional<Path> onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String folder : path.split(Pattern.quote(File.pathSeparator))) {
            if (folder.isBlank()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return {@code node --version}, such as {@code v20.20.2} */
    String version() {
        return "node " + run(List.of(node.toString(), "--version"), 10, Optional.empty()).trim() + ", express "
                + expressVersion();
    }

    private String expressVersion() {
        try {
            String packageJson = Files.readString(folder.resolve("node_modules/express/package.json"));
            java.util.regex.Matcher version = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(packageJson);
            return version.find() ? version.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Installs the dependencies with {@code npm install} unless {@code node_modules/express} is there.
     *
     * @throws IllegalStateException if npm fails, with its output
     */
    void install() {
        if (Files.isRegularFile(folder.resolve("node_modules/express/package.json"))) {
            return;
        }
        System.out.println("installing the Express peer's dependencies: npm install in " + folder);
        run(List.of(npm.toString(), "install", "--no-package-lock", "--no-audit", "--no-fund"),
                INSTALL_TIMEOUT_SECONDS, Optional.of(folder));
    }

    /**
     * Starts {@code node server.js} on {@code port} and waits until {@code GET /products} answers.
     *
     * @param port the port
     * @param log where its output goes
     * @return the running server
     */
    ChildJvm start(int port, Path log) {
        return ChildJvm.startProcess(NAME, List.of(node.toString(), "server.js"), folder,
                Map.of("PORT", String.valueOf(port), "NODE_ENV", "production"), port, log, "/products");
    }

    private static String run(List<String> command, long timeoutSeconds, Optional<Path> directory) {
        Path output = null;
        try {
            output = Files.createTempFile("cartwright-node", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            directory.ifPresent(folder -> builder.directory(folder.toFile()));
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
