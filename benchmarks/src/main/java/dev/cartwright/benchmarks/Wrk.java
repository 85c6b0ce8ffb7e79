package dev.cartwright.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code wrk} load generator (a separate process, outside every JVM) and reads its report: requests per
 * second, the latency distribution that {@code --latency} prints, and the failed answers. {@code wrk} is found on
 * the {@code PATH}; Debian packages it as {@code wrk}.
 *
 * @param executable the {@code wrk} binary
 */
record Wrk(Path executable) {

    /** What the report says when {@code wrk} is missing. */
    static final String MISSING = "skipped: wrk not found; install it with `apt-get install wrk`";

    private static final Map<String, Double> MICROS_PER_UNIT = Map.of("us", 1.0, "ms", 1e3, "s", 1e6, "m", 60e6,
            "h", 3600e6);
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)\\s*$");
    private static final Pattern PERCENTILE = Pattern.compile("(?m)^\\s+(50|75|90|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s+(\\d+) requests in ");
    private static final Pattern NON_2XX = Pattern.compile("(?m)^\\s+Non-2xx or 3xx responses:\\s+(\\d+)\\s*$");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "(?m)^\\s+Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$");

    /**
     * What one {@code wrk} run measured.
     *
     * @param requestsPerSecond every answered request (failed ones included, as wrk counts them) per second
     * @param requests the answered requests
     * @param p50Micros the median latency
     * @param p99Micros the 99th percentile latency
     * @param non2xx answers with a status of 400 or more (wrk's "Non-2xx or 3xx responses")
     * @param socketErrors connect, read and write errors and timeouts
     */
    record Result(double requestsPerSecond, long requests, double p50Micros, double p99Micros, long non2xx,
            long socketErrors) {

        /** @return requests that did not succeed: error statuses and socket errors */
        long failed() {
            return non2xx + socketErrors;
        }
    }

    /** @return {@code wrk} from the {@code PATH}, if it is there */
    static Optional<Wrk> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String folder : path.split(Pattern.quote(File.pathSeparator))) {
            if (folder.isBlank()) {
                continue;
            }
            Path candidate = Path.of(folder, "wrk");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new Wrk(candidate));
            }
        }
        return Optional.empty();
    }

    /** @return the first line of {@code wrk -v} without the copyright, such as {@code wrk debian/4.1.0-3+b2 [epoll]} */
    String version() {
        String output = execute(List.of(executable.toString(), "-v"), 10);
        String first = output.lines().findFirst().orElse("wrk (version unknown)");
        int copyright = first.indexOf(" Copyright");
        return (copyright < 0 ? first : first.substring(0, copyright)).trim();
    }

    /**
     * Runs {@code wrk -t<threads> -c<connections> -d<seconds>s --latency [-s script] url} and waits for it.
     *
     * @param url what to load
     * @param threads wrk's threads
     * @param connections connections kept open, spread over the threads
     * @param seconds how long, at least 1 (wrk takes whole seconds)
     * @param script a Lua script that shapes each request, if any
     * @return what wrk reported
     * @throws IllegalStateException if wrk fails or prints no figures
     */
    Result run(URI url, int threads, int connections, int seconds, Optional<Path> script) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, seconds) + "s", "--latency"));
        script.ifPresent(file -> command.addAll(List.of("-s", file.toString())));
        command.add(url.toString());
        return parse(execute(command, seconds + 60L));
    }

    /**
     * Reads wrk's text report.
     *
     * @param output what {@code wrk --latency} printed
     * @return its figures
     * @throws IllegalStateException if a figure is missing
     */
    static Result parse(String output) {
        double perSecond = Double.parseDouble(find(REQUESTS_PER_SECOND, output, "Requests/sec").group(1));
        long requests = Long.parseLong(find(REQUESTS, output, "requests in").group(1));
        Double p50 = null;
        Double p99 = null;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double micros = Double.parseDouble(percentile.group(2)) * MICROS_PER_UNIT.get(percentile.group(3));
            switch (percentile.group(1)) {
                case "50" -> p50 = micros;
                case "99" -> p99 = micros;
                default -> { }
            }
        }
        if (p50 == null || p99 == null) {
            throw new IllegalStateException("wrk printed no latency distribution (was --latency given?):\n" + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        long statusErrors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        long socketErrors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(socket.group(group));
            }
        }
        return new Result(perSecond, requests, p50, p99, statusErrors, socketErrors);
    }

    private static Matcher find(Pattern pattern, String output, String what) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk printed no '" + what + "' line:\n" + output);
        }
        return matcher;
    }

    /** Runs a command to its end and returns its standard output and error together. */
    private static String execute(List<String> command, long timeoutSeconds) {
        Path output = null;
        try {
            output = Files.createTempFile("cartwright-wrk", ".txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s");
            }
            return Files.readString(output, StandardCharsets.UTF_8);
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
