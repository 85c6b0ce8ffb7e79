package dev.cartwright.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collects the figures of a run and writes them as a Markdown table ({@code results.md}) and an SVG chart
 * ({@code results.svg}) of Cartwright's throughput as a fraction of its baselines. Not thread-safe.
 */
final class Report {

    /** One table of one benchmark. */
    static final class Section {
        final String title;
        final String description;
        final List<String> header;
        final List<List<String>> rows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Section(String title, String description, String... header) {
            this.title = title;
            this.description = description;
            this.header = List.of(header);
        }

        Section row(String... cells) {
            rows.add(List.of(cells));
            return this;
        }

        Section note(String note) {
            notes.add(note);
            return this;
        }
    }

    /**
     * One bar of the chart.
     *
     * @param label what was compared
     * @param ratio Cartwright's median throughput divided by the baseline's
     * @param target the target ratio, or 0 for none
     */
    record Bar(String label, double ratio, double target) {
    }

    private final List<Section> sections = new ArrayList<>();
    private final List<Bar> bars = new ArrayList<>();
    private final Set<String> databases = new LinkedHashSet<>();
    private final Set<String> loadGenerators = new LinkedHashSet<>();
    private String command = "";
    private final List<String> misses = new ArrayList<>();
    private final List<String> conserved = new ArrayList<>();
    private final String settings;

    Report(String settings) {
        this.settings = settings;
    }

    Section section(String title, String description, String... header) {
        Section section = new Section(title, description, header);
        sections.add(section);
        return section;
    }

    List<Section> sections() {
        return sections;
    }

    List<Bar> bars() {
        return bars;
    }

    List<String> misses() {
        return misses;
    }

    /** Records that a stock conservation check passed. */
    void conserved(String what) {
        conserved.add(what);
    }

    /** @return the conservation checks that passed */
    List<String> conserved() {
        return conserved;
    }

    void bar(String label, double ratio, double target) {
        bars.add(new Bar(label, ratio, target));
    }

    void database(String version) {
        databases.add(version);
    }

    /** Records a load generator outside the JVM, such as {@code wrk} and its version, for the machine lines. */
    void loadGenerator(String version) {
        loadGenerators.add(version);
    }

    /** Records a missed target, which the report lists at the top with its reason. */
    void miss(String what) {
        misses.add(what);
    }

    /**
     * Records the command line that produced the figures, so the report says how to reproduce them.
     *
     * @param arguments the benchmark jar's arguments
     */
    void command(List<String> arguments) {
        String postgres = Database.postgresUrl().map(url -> Database.POSTGRES_ENV + "='" + url + "' ").orElse("");
        command = postgres + "java -jar benchmarks/target/cartwright-benchmarks.jar " + String.join(" ", arguments);
    }

    /** @return the machine, JVM, databases and load generators, one line each */
    List<String> machine() {
        Runtime runtime = Runtime.getRuntime();
        List<String> lines = new ArrayList<>();
        lines.add("CPU: " + runtime.availableProcessors() + " cores available to the JVM ("
                + System.getProperty("os.arch") + ")");
        lines.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        lines.add("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB, flags "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (String database : databases) {
            lines.add("Database: " + database);
        }
        for (String generator : loadGenerators) {
            lines.add("Load generator: " + generator);
        }
        lines.add("Run: " + settings + ", finished " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (!command.isEmpty()) {
            lines.add("Command: `" + command + "` (after `./mvnw -B -q -pl benchmarks -am package -DskipTests`)");
        }
        return lines;
    }

    static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** @return {@code "median (min–max)"} */
    static String format(Stat stat) {
        if (stat.runs() == 1) {
            return number(stat.median());
        }
        return number(stat.median()) + " (" + number(stat.min()) + "–" + number(stat.max()) + ")";
    }

    String markdown() {
        return markdown("Cartwright benchmark results", true);
    }

    /**
     * @param title the page's heading
     * @param chart whether the page shows {@code results.svg}
     * @return the report as a Markdown page
     */
    String markdown(String title, boolean chart) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        for (String line : machine()) {
            out.append("- ").append(line).append('\n');
        }
        out.append("\nFigures are the median of the runs with their spread (min–max) in brackets. ")
                .append("Ratios divide Cartwright's median by the baseline's median.\n\n");
        if (chart) {
            out.append("![Cartwright throughput as a fraction of its baselines](results.svg)\n\n");
        }
        if (!misses.isEmpty()) {
            out.append("## Targets missed\n\n");
            for (String miss : misses) {
                out.append("- ").append(miss).append('\n');
            }
            out.append('\n');
        }
        for (Section section : sections) {
            out.append("## ").append(section.title).append("\n\n").append(section.description).append("\n\n");
            out.append('|');
            section.header.forEach(cell -> out.append(' ').append(cell).append(" |"));
            out.append("\n|");
            section.header.forEach(cell -> out.append("---|"));
            out.append('\n');
            for (List<String> row : section.rows) {
                out.append('|');
                row.forEach(cell -> out.append(' ').append(cell.replace("|", "\\|")).append(" |"));
                out.append('\n');
            }
            if (!section.notes.isEmpty()) {
                out.append('\n');
                section.notes.forEach(note -> out.append("- ").append(note).append('\n'));
            }
            out.append('\n');
        }
        return out.toString();
    }

    String svg() {
        int rowHeight = 22;
        int left = 300;
        int width = 860;
        int plot = width - left - 60;
        int top = 50;
        double max = Math.max(1.2, bars.stream().mapToDouble(bar -> Math.max(bar.ratio(), bar.target())).max()
                .orElse(1.0) * 1.05);
        int height = top + Math.max(1, bars.size()) * rowHeight + 40;
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append("<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">")
                .append("Cartwright throughput as a fraction of its baseline (1.0 = as fast)</text>\n");
        out.append("<text x=\"10\" y=\"38\" fill=\"#555\">bars: median ratio; red tick: target; ")
                .append("(a) minimal raw code, (b) our rows by hand, raw: in-memory raw code</text>\n");
        for (double tick = 0; tick <= max + 1e-9; tick += max > 3 ? 1.0 : 0.25) {
            int x = left + (int) Math.round(tick / max * plot);
            out.append("<line x1=\"").append(x).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(top + bars.size() * rowHeight).append("\" stroke=\"")
                    .append(Math.abs(tick - 1.0) < 1e-9 ? "#333" : "#ddd").append("\"/>\n");
            out.append("<text x=\"").append(x).append("\" y=\"").append(top + bars.size() * rowHeight + 16)
                    .append("\" text-anchor=\"middle\" fill=\"#555\">").append(number(tick)).append("</text>\n");
        }
        int y = top;
        for (Bar bar : bars) {
            int length = (int) Math.round(Math.min(bar.ratio(), max) / max * plot);
            boolean missed = bar.target() > 0 && bar.ratio() < bar.target();
            out.append("<text x=\"").append(left - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(escape(bar.label())).append("</text>\n");
            out.append("<rect x=\"").append(left).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(Math.max(1, length)).append("\" height=\"").append(rowHeight - 6).append("\" fill=\"")
                    .append(missed ? "#e8a33d" : "#4878a8").append("\"/>\n");
            out.append("<text x=\"").append(left + length + 4).append("\" y=\"").append(y + 15).append("\">")
                    .append(number(bar.ratio())).append("</text>\n");
            if (bar.target() > 0) {
                int x = left + (int) Math.round(bar.target() / max * plot);
                out.append("<line x1=\"").append(x).append("\" y1=\"").append(y + 1).append("\" x2=\"").append(x)
                        .append("\" y2=\"").append(y + rowHeight - 1)
                        .append("\" stroke=\"#c0392b\" stroke-width=\"2\"/>\n");
            }
            y += rowHeight;
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Writes the report as one Markdown page without a chart, such as {@code coldstart.md}, creating its folder.
     *
     * @param file the page
     * @param title its heading
     */
    void writeMarkdown(Path file, String title) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown(title, false), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code results.md} and {@code results.svg} into {@code folder}, creating it.
     *
     * @param folder the output folder
     */
    void write(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("results.svg"), svg(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
