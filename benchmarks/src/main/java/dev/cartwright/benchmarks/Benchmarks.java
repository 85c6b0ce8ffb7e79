package dev.cartwright.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmarks' entry point:
 * {@code java -jar benchmarks/target/cartwright-benchmarks.jar <command> [--quick] [--out DIR] [--runs N]
 * [--products N] [--seconds S] [--stores memory,h2-memory,h2-file,postgresql] [--threads 1,4,16]}, where command is {@code all}, {@code checkout}, {@code hotsku}, {@code catalog},
 * {@code memory}, {@code pricing}, {@code http}, {@code statements} or {@code coldstart}. Writes {@code results.md} and
 * {@code results.svg} to the output folder ({@code benchmarks/results} by default); {@code coldstart}, which
 * {@code all} leaves out, writes {@code coldstart.md} there instead.
 */
public final class Benchmarks {

    static final List<String> COMMANDS = List.of("all", "checkout", "hotsku", "catalog", "memory", "pricing", "http",
            "statements", "coldstart");

    /** The page {@code coldstart} writes into the output folder. */
    static final String COLD_START_PAGE = "coldstart.md";

    private Benchmarks() {
    }

    /**
     * Runs a sub-command.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        List<String> commands = new ArrayList<>();
        Path out = Path.of("benchmarks", "results");
        boolean quick = false;
        Integer runs = null;
        Integer products = null;
        Double seconds = null;
        List<String> stores = List.of();
        List<Integer> threads = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                case "--products" -> products = Integer.parseInt(value(args, ++i));
                case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
                case "--stores" -> stores = List.of(value(args, ++i).split(","));
                case "--threads" -> threads = Arrays.stream(value(args, ++i).split(",")).map(Integer::valueOf).toList();
                default -> {
                    if (!COMMANDS.contains(args[i])) {
                        usage("unknown argument: " + args[i]);
                    }
                    commands.add(args[i]);
                }
            }
        }
        if (commands.isEmpty()) {
            usage("no command");
        }
        Settings settings = quick ? Settings.quick(out) : Settings.full(out);
        if (runs != null) {
            settings = settings.withRuns(runs);
        }
        if (products != null) {
            settings = settings.withProducts(products);
        }
        if (seconds != null) {
            settings = settings.withWindow(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        settings = settings.withStores(stores).withThreads(threads);
        if (commands.contains("statements")) {
            Statements.print(System.out);
            commands.remove("statements");
            if (commands.isEmpty()) {
                return;
            }
        }
        if (commands.contains("coldstart")) {
            Report coldStart = coldStart(settings);
            coldStart.command(Arrays.asList(args));
            Path page = settings.out().resolve(COLD_START_PAGE);
            coldStart.writeMarkdown(page, "Cartwright serverless cold start");
            System.out.println("wrote " + page);
            commands.remove("coldstart");
            if (commands.isEmpty()) {
                return;
            }
        }
        Report report = run(settings, commands);
        report.command(Arrays.asList(args));
        report.write(settings.out());
        System.out.println("wrote " + settings.out().resolve("results.md") + " and results.svg");
    }

    /**
     * Runs the named benchmarks into a report.
     *
     * @param settings how long and how often
     * @param commands {@code all} or some of the benchmark names
     * @return the report, not yet written
     */
    static Report run(Settings settings, List<String> commands) {
        boolean all = commands.contains("all");
        Report report = new Report(settings.describe());
        System.out.println(settings.describe());
        CheckoutBenchmark checkout = new CheckoutBenchmark(settings, report);
        JmhBenchmarks jmh = new JmhBenchmarks(settings, report);
        if (all || commands.contains("checkout")) {
            checkout.checkout();
        }
        if (all || commands.contains("hotsku")) {
            checkout.hotSku();
        }
        if (all || commands.contains("catalog")) {
            new CatalogBenchmark(settings, report).run();
        }
        if (all || commands.contains("memory")) {
            jmh.memory();
        }
        if (all || commands.contains("pricing")) {
            jmh.pricing();
        }
        if (all || commands.contains("http")) {
            new HttpBenchmark(settings, report).run();
        }
        report.section(ColdStartBenchmark.SECTION, "Measured by its own sub-command, which `all` leaves out: "
                + "144 fresh JVMs, about 5 minutes.", "figure", "where")
                .row("serverless cold start", "`java -jar benchmarks/target/cartwright-benchmarks.jar coldstart` "
                        + "writes [" + COLD_START_PAGE + "](" + COLD_START_PAGE + ")");
        return report;
    }

    /**
     * Runs the cold start benchmark into a report of its own.
     *
     * @param settings how often ({@link ColdStartBenchmark} runs at least 10 times unless on the smoke budget)
     * @return the report, not yet written
     */
    static Report coldStart(Settings settings) {
        Report report = new Report(ColdStartBenchmark.describe(settings));
        System.out.println(ColdStartBenchmark.describe(settings));
        new ColdStartBenchmark(settings, report, ColdStartBenchmark.examplesFolder()).run();
        return report;
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            usage(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -jar cartwright-benchmarks.jar <" + String.join("|", COMMANDS)
                + ">... [--quick] [--out DIR] [--runs N] [--products N] [--seconds S]"
                + " [--stores memory,h2-memory,h2-file,postgresql] [--threads 1,4,16]");
        System.exit(2);
    }
}
