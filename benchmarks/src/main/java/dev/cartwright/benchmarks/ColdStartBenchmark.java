package dev.cartwright.benchmarks;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.cartwright.benchmarks.coldstart.FirstEventHandler;
import dev.cartwright.benchmarks.coldstart.LambdaHarness;
import dev.cartwright.benchmarks.coldstart.TrivialHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The {@code coldstart} sub-command: the serverless function's first response after a cold start, a fresh JVM per
 * run, against a trivial handler over the same event types, under several JVM configurations. Each run starts
 * {@link LambdaHarness} (what the Lambda Java runtime does: the runtime's serializer, the handler constructed by
 * reflection, one event) on what a Lambda container loads: the unpacked {@code examples/target/cartwright-function.zip}
 * (its root, then {@code lib/*.jar}), the runtime's serializer jar and a small jar of the harness and the trivial
 * handler, copied out of this module. The clock runs from {@code ProcessBuilder.start()} to the moment the
 * response line appears on the child's standard output; the child also reports its own uptime at that moment, its
 * memory after the event and the median of its warm invocations. Configurations and handlers take turns in every
 * run, so drift of the machine hits them alike. Not part of {@code all}: it writes {@code coldstart.md}.
 */
final class ColdStartBenchmark {

    static final String SECTION = "7. Serverless cold start";
    static final String CARTWRIGHT = "Cartwright HttpApiHandler";
    static final String FIRST_EVENT = "HttpApiHandler built on the first event";
    static final String TRIVIAL = "trivial handler";
    /** Target: Cartwright's median cold start at most twice the trivial handler's. */
    static final double TARGET = 2.0;
    static final String EVENT = "serverless/events/v2/get-products.json";
    static final int MIN_RUNS = 10;
    static final int WARM_INVOCATIONS = 1_000;
    static final int QUICK_WARM_INVOCATIONS = 10;

    private static final String HANDLER = "dev.cartwright.examples.serverless.HttpApiHandler";
    private static final String ZIP = "target/cartwright-function.zip";
    private static final long CHILD_TIMEOUT_SECONDS = 120;
    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    /** Environment the runtime would not pass on: a database, or JVM options that would change every row's flags. */
    private static final List<String> CLEARED_ENVIRONMENT = List.of("DATABASE_URL", "JAVA_TOOL_OPTIONS",
            "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** A function under test. */
    record Function(String name, String handlerClass) {
    }

    static final Function TRIVIAL_FUNCTION = new Function(TRIVIAL, TrivialHandler.class.getName());
    static final List<Function> FUNCTIONS = List.of(new Function(CARTWRIGHT, HANDLER),
            new Function(FIRST_EVENT, FirstEventHandler.class.getName()), TRIVIAL_FUNCTION);

    /**
     * A JVM configuration.
     *
     * @param name its row label
     * @param flags the JVM flags, the same for both functions
     * @param classesInJar whether the zip's root classes are packed into {@code lib/function.jar} (AppCDS archives
     *     classes from jars only: a non-empty directory on the class path stops the dump)
     * @param appCds whether a training run dumps a dynamic AppCDS archive per function that the runs then map
     */
    record Configuration(String name, List<String> flags, boolean classesInJar, boolean appCds) {
    }

    static final Configuration DEFAULT = new Configuration("default flags", List.of(), false, false);
    static final Configuration APP_CDS = new Configuration("AppCDS", List.of(), true, true);
    static final List<Configuration> CONFIGURATIONS = List.of(DEFAULT,
            new Configuration("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"), false, false),
            new Configuration("-XX:+UseSerialGC", List.of("-XX:+UseSerialGC"), false, false),
            new Configuration("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), false, false),
            new Configuration("root classes in lib/function.jar (as AppCDS needs), default flags", List.of(), true,
                    false),
            APP_CDS,
            new Configuration("AppCDS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), true, true));

    /**
     * What one child JVM reported.
     *
     * @param status the response's status code
     * @param coldMillis from {@code ProcessBuilder.start()} to the response line, by this JVM's clock
     * @param constructedMillis from the child JVM's start time to the handler's constructor returning (the end of
     *     the function's init phase), by its own clock
     * @param uptimeMillis from the child JVM's start time to its response, by its own clock
     * @param rssKilobytes VmRSS after the first event, or -1 where there is no procfs
     * @param usedBytes heap plus non-heap used after the first event
     * @param warmNanos the median warm invocation, or -1 without warm invocations
     */
    record Run(int status, double coldMillis, double constructedMillis, double uptimeMillis, long rssKilobytes,
            long usedBytes,
            long warmNanos) {
    }

    private final Settings settings;
    private final Report report;
    private final Path examples;
    private final List<Integer> statuses = new ArrayList<>();

    ColdStartBenchmark(Settings settings, Report report, Path examples) {
        this.settings = settings;
        this.report = report;
        this.examples = examples;
    }

    /** @return {@code -Dcartwright.examples}, or {@code examples} from the repository root or the module's folder */
    static Path examplesFolder() {
        String chosen = System.getProperty("cartwright.examples");
        if (chosen != null) {
            return Path.of(chosen);
        }
        return Stream.of(Path.of("examples"), Path.of("..", "examples")).filter(Files::isDirectory).findFirst()
                .orElse(Path.of("examples"));
    }

    /** @return the configurations this run measures: all, or on the smoke budget the default and AppCDS */
    List<Configuration> configurations() {
        return settings.quick() ? List.of(DEFAULT, APP_CDS) : CONFIGURATIONS;
    }

    /** @return runs per row: at least 10, or on the smoke budget its own count */
    static int runs(Settings settings) {
        return settings.quick() ? settings.runs() : Math.max(MIN_RUNS, settings.runs());
    }

    /** @return warm invocations after the first in each run */
    static int warmInvocations(Settings settings) {
        return settings.quick() ? QUICK_WARM_INVOCATIONS : WARM_INVOCATIONS;
    }

    /** @return the run's settings, for the report's machine lines */
    static String describe(Settings settings) {
        return (settings.quick() ? "QUICK SMOKE RUN (figures not meaningful), " : "") + runs(settings)
                + " run(s) per row, " + String.format("%,d", warmInvocations(settings)) + " warm invocations per run";
    }

    private int runs() {
        return runs(settings);
    }

    private int warmInvocations() {
        return warmInvocations(settings);
    }

    /** Measures and adds the section (or the reason it was skipped) to the report. */
    void run() {
        Path zip = examples.resolve(ZIP);
        Path event = examples.resolve(EVENT);
        String[] header = {"configuration", "function", "cold start, ms", "JVM uptime when constructed, ms",
            "JVM uptime at response, ms",
            "ratio to trivial", "warm, µs per invocation", "RSS after first event, MiB",
            "heap + non-heap used, MiB"};
        Report.Section section = report.section(SECTION, description(), header);
        if (!Files.isRegularFile(zip) || !Files.isRegularFile(event)) {
            String why = "skipped: " + zip + " not found; build it with `./mvnw -B -q -pl benchmarks -am package"
                    + " -DskipTests` and run from the repository root";
            String[] row = new String[header.length];
            Arrays.fill(row, "");
            row[0] = why;
            section.row(row);
            System.out.println(why);
            return;
        }
        Path work;
        try {
            work = Files.createTempDirectory("cartwright-coldstart");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            measure(section, zip, event, work);
        } finally {
            delete(work);
        }
    }

    private void measure(Report.Section section, Path zip, Path event, Path work) {
        Path function = work.resolve("function");
        unzip(zip, function);
        Path functionJar = work.resolve("function-jar");
        packRootAsJar(function, functionJar);
        Path serializer = serializerJar(work);
        Path harness = copyPackage(LambdaHarness.class, List.of(packageOf(LambdaHarness.class)),
                work.resolve("coldstart-harness.jar"));
        Map<Boolean, List<Path>> classPaths = Map.of(false, classPath(function, serializer, harness), true,
                classPath(functionJar, serializer, harness));

        String loadBefore = loadAverage();
        Map<String, Path> archives = new HashMap<>();
        for (Configuration configuration : configurations()) {
            if (configuration.appCds()) {
                for (Function fn : FUNCTIONS) {
                    Path archive = work.resolve("archive-" + archives.size() + ".jsa");
                    List<String> flags = new ArrayList<>(configuration.flags());
                    flags.add("-XX:ArchiveClassesAtExit=" + archive);
                    start(flags, classPaths.get(true), fn, event, 0, work);
                    if (!Files.isRegularFile(archive)) {
                        throw new IllegalStateException("the training run of " + fn.name() + " wrote no archive "
                                + archive + ":\n" + logTail(work));
                    }
                    archives.put(key(configuration, fn), archive);
                }
            }
        }

        Map<String, List<Run>> results = new LinkedHashMap<>();
        for (int run = 1; run <= runs(); run++) {
            for (Configuration configuration : configurations()) {
                for (Function fn : FUNCTIONS) {
                    Run measured = start(flags(configuration, archives.get(key(configuration, fn))),
                            classPaths.get(configuration.classesInJar()), fn, event, warmInvocations(), work);
                    statuses.add(measured.status());
                    if (measured.status() != 200) {
                        throw new IllegalStateException(fn.name() + " answered " + measured.status() + " under "
                                + configuration.name() + ":\n" + logTail(work));
                    }
                    results.computeIfAbsent(key(configuration, fn), k -> new ArrayList<>()).add(measured);
                }
            }
            System.out.println("cold start run " + run + " of " + runs() + " done");
        }

        for (Configuration configuration : configurations()) {
            Stat trivial = Stat.of(cold(results.get(key(configuration, TRIVIAL_FUNCTION))));
            for (Function fn : FUNCTIONS) {
                List<Run> runs = results.get(key(configuration, fn));
                Stat cold = Stat.of(cold(runs));
                String ratio = "";
                if (fn != TRIVIAL_FUNCTION) {
                    double value = cold.median() / trivial.median();
                    ratio = Report.number(value) + "x";
                    if (fn.name().equals(CARTWRIGHT) && value > TARGET) {
                        report.miss("Cold start under " + configuration.name() + ": " + Report.number(value)
                                + "x the trivial handler (target at most " + Report.number(TARGET) + "x)");
                    }
                }
                section.row(configuration.name(), fn.name(), Report.format(cold),
                        Report.format(stat(runs, Run::constructedMillis)),
                        Report.format(stat(runs, Run::uptimeMillis)), ratio,
                        Report.format(stat(runs, r -> r.warmNanos() / 1_000.0)),
                        Report.format(stat(runs, r -> r.rssKilobytes() / 1024.0)),
                        Report.format(stat(runs, r -> r.usedBytes() / (1024.0 * 1024.0))));
                System.out.printf("%-60s %-40s cold %s ms %s%n", configuration.name(), fn.name(),
                        Report.format(cold), ratio.isEmpty() ? "" : "ratio " + ratio);
            }
        }
        section.note("Load average (1, 5, 15 min) of the machine: " + loadBefore + " at the start, " + loadAverage()
                + " at the end (above 0 means other processes shared the CPUs; children run one at a time).");
        section.note("Each configuration's command, `$FUNCTION` being the unpacked zip and its jars listed one by one in"
                + " name order (where the root classes are in a jar, `$FUNCTION/lib/function.jar` holds them and the"
                + " root is not on the class path), `aws-lambda-java-serialization.jar` the runtime's serializer ("
                + serializerSource() + "), `coldstart-harness.jar` the harness, the trivial handler and the "
                + "first-event one, and `HANDLER` " + HANDLER + ", " + FirstEventHandler.class.getName() + " or "
                + TrivialHandler.class.getName() + ":");
        for (Configuration configuration : configurations()) {
            List<String> shown = new ArrayList<>(configuration.flags());
            if (configuration.appCds()) {
                shown.add("-XX:SharedArchiveFile=app.jsa -Xshare:on");
            }
            String command = "java " + (shown.isEmpty() ? "" : String.join(" ", shown) + " ") + "-cp "
                    + (configuration.classesInJar() ? "" : "$FUNCTION:") + "$FUNCTION/lib/*.jar:"
                    + "aws-lambda-java-serialization.jar:coldstart-harness.jar " + LambdaHarness.class.getName()
                    + " HANDLER examples/" + EVENT + " " + warmInvocations();
            String training = configuration.appCds() ? " (app.jsa per handler from one training run: the same"
                    + " command with `-XX:ArchiveClassesAtExit=app.jsa` in place of the last two flags)" : "";
            section.note(configuration.name() + ": `" + command + "`" + training);
        }
    }

    private String description() {
        return "A fresh JVM per run, from `ProcessBuilder.start()` to the function's first response on "
                + "`examples/" + EVENT + "` appearing on the child's standard output (cold start), for the shop's "
                + "handler (in-memory shop with the demo catalog, `DATABASE_URL` unset), which builds the shop when "
                + "the runtime constructs it (the init phase), the same handler built on the first event instead "
                + "(`FirstEventHandler`, whose constructor does nothing and whose first `handleRequest` constructs "
                + "the shop's handler), and a trivial handler that returns a constant `APIGatewayV2HTTPResponse` over "
                + "the same event types. The child is a harness "
                + "that does what the Lambda Java runtime does: reads the event with `aws-lambda-java-serialization`'s "
                + "`LambdaEventSerializers`, constructs the handler by reflection, calls `handleRequest` with a local "
                + "`Context` and writes the response with the serializer; its class path is what a Lambda container "
                + "loads (the unpacked `examples/" + ZIP + "`, root then `lib/*.jar`, the serializer and the "
                + "harness), all on the application class path (the runtime keeps its own in another class loader). "
                + "JVM uptime when constructed (the handler's constructor returned: the init phase's end) and at "
                + "response are the child's own clock from its JVM start time. After the response the "
                + "child measures: RSS (VmRSS from `/proc/self/status`) and heap + non-heap used (`MemoryMXBean`) "
                + "after the first event, then " + String.format("%,d", warmInvocations()) + " warm invocations of "
                + "the same event (read, handle, write), whose median is the warm figure. " + runs() + " run(s) per "
                + "row, configurations and handlers in turn within each run; median (min–max). Ratio: a shop "
                + "handler's median cold start over the trivial handler's in the same configuration (target for "
                + "the shipped handler at most " + Report.number(TARGET) + "x). Default JVM heap and GC sizing of this machine, not a Lambda's. "
                + "The AppCDS rows train as the examples module trains `examples/target/cartwright-examples.jsa` (one "
                + "run with `-XX:ArchiveClassesAtExit`, then `-XX:SharedArchiveFile`), but each handler gets its own "
                + "archive trained here, on this Lambda-shaped class path: an archive maps only on the JVM build and "
                + "the class path it was trained on, and the module's is the executable jar's.";
    }

    private static List<String> flags(Configuration configuration, Path archive) {
        List<String> flags = new ArrayList<>(configuration.flags());
        if (archive != null) {
            // -Xshare:on: a run that cannot map its archive fails instead of measuring without it
            flags.add("-XX:SharedArchiveFile=" + archive);
            flags.add("-Xshare:on");
        }
        return flags;
    }

    private static String key(Configuration configuration, Function fn) {
        return configuration.name() + " / " + fn.name();
    }

    private static List<Double> cold(List<Run> runs) {
        return runs.stream().map(Run::coldMillis).toList();
    }

    private static Stat stat(List<Run> runs, ToDoubleFunction<Run> figure) {
        return Stat.of(runs.stream().mapToDouble(figure).boxed().toList());
    }

    /** Starts one child JVM and reads its report; the clock stops when the response line arrives. */
    private static Run start(List<String> flags, List<Path> classPath, Function fn, Path event, int warm, Path work) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(LambdaHarness.class.getName());
        command.add(fn.handlerClass());
        command.add(event.toAbsolutePath().toString());
        command.add(Integer.toString(warm));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("child.log").toFile()));
        CLEARED_ENVIRONMENT.forEach(builder.environment()::remove);
        Map<String, String> figures = new HashMap<>();
        double coldMillis = -1;
        String response = null;
        Process process;
        long started = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (response == null && line.startsWith(LambdaHarness.RESPONSE)) {
                    coldMillis = (System.nanoTime() - started) / 1e6;
                    response = line.substring(LambdaHarness.RESPONSE.length());
                } else {
                    int space = line.indexOf(' ');
                    if (space > 0) {
                        figures.put(line.substring(0, space), line.substring(space + 1).trim());
                    }
                }
            }
            if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(fn.name() + " did not exit within " + CHILD_TIMEOUT_SECONDS + " s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0 || response == null) {
            throw new IllegalStateException(fn.name() + " exited with " + process.exitValue()
                    + (response == null ? " without a response" : "") + ": " + command + "\n" + logTail(work));
        }
        Matcher status = STATUS.matcher(response);
        return new Run(status.find() ? Integer.parseInt(status.group(1)) : -1, coldMillis,
                number(figures, "CONSTRUCTED_MS"), number(figures, "UPTIME_MS"), (long) number(figures, "RSS_KB"),
                (long) (number(figures, "HEAP_USED") + number(figures, "NON_HEAP_USED")),
                (long) Double.parseDouble(figures.getOrDefault("WARM_MEDIAN_NS", "-1")));
    }

    private static double number(Map<String, String> figures, String name) {
        String value = figures.get(name);
        if (value == null) {
            throw new IllegalStateException("the harness reported no " + name + ": " + figures);
        }
        return Double.parseDouble(value);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException notLinux) {
            return "unknown";
        }
    }

    private static String logTail(Path work) {
        try {
            List<String> lines = Files.readAllLines(work.resolve("child.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** @return the function's root, then its {@code lib/*.jar} in name order, then the serializer and the harness */
    private static List<Path> classPath(Path function, Path serializer, Path harness) {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(function)) {
            if (files.anyMatch(file -> !file.getFileName().toString().equals("lib"))) {
                entries.add(function);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> jars = Files.list(function.resolve("lib"))) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.add(serializer);
        entries.add(harness);
        return entries;
    }

    private static void unzip(Path zip, Path target) {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IllegalStateException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    /** Copies the function's {@code lib} and packs everything at its root into {@code lib/function.jar}. */
    private static void packRootAsJar(Path function, Path target) {
        try {
            Path lib = Files.createDirectories(target.resolve("lib"));
            try (Stream<Path> jars = Files.list(function.resolve("lib"))) {
                for (Path jar : jars.toList()) {
                    Files.copy(jar, lib.resolve(jar.getFileName()));
                }
            }
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("function.jar")));
                    Stream<Path> files = Files.walk(function)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = function.relativize(file).toString().replace('\\', '/');
                    if (!name.startsWith("lib/")) {
                        jar.putNextEntry(new JarEntry(name));
                        Files.copy(file, jar);
                        jar.closeEntry();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the serializer's own jar where it is on the class path as one (tests), else a jar of its classes
     *     copied out of the shaded benchmarks jar
     */
    private static Path serializerJar(Path work) {
        Path source = codeSource(LambdaEventSerializers.class);
        if (source.getFileName().toString().startsWith("aws-lambda-java-serialization")) {
            return source;
        }
        return copyPackage(LambdaEventSerializers.class, List.of("com/amazonaws/services/lambda/runtime/serialization/",
                "com/amazonaws/lambda/thirdparty/", "META-INF/services/com.amazonaws.lambda.thirdparty."),
                work.resolve("aws-lambda-java-serialization.jar"));
    }

    private static String serializerSource() {
        String jar = codeSource(LambdaEventSerializers.class).getFileName().toString();
        return jar.startsWith("aws-lambda-java-serialization") ? jar
                : "its classes copied out of the benchmarks jar, the version the parent pom names";
    }

    private static String packageOf(Class<?> type) {
        return type.getPackageName().replace('.', '/') + "/";
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the entries under {@code prefixes} of the jar or folder that {@code type} was loaded from into a jar. */
    private static Path copyPackage(Class<?> type, List<String> prefixes, Path target) {
        Path source = codeSource(type);
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file)) {
            if (Files.isDirectory(source)) {
                copyEntries(source, prefixes, jar);
            } else {
                try (FileSystem zip = FileSystems.newFileSystem(source)) {
                    copyEntries(zip.getPath("/"), prefixes, jar);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + prefixes + " out of " + source, e);
        }
        return target;
    }

    private static void copyEntries(Path root, List<String> prefixes, JarOutputStream jar) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (prefixes.stream().anyMatch(name::startsWith)) {
                    jar.putNextEntry(new JarEntry(name));
                    try (InputStream in = Files.newInputStream(file)) {
                        in.transferTo(jar);
                    }
                    jar.closeEntry();
                }
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }

    /** @return the status code of every measured response, in the order of the runs */
    List<Integer> statuses() {
        return List.copyOf(statuses);
    }
}
