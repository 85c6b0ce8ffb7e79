package dev.cartwright.benchmarks;

import dev.cartwright.jdbc.JdbcStore;
import java.io.PrintStream;
import java.util.List;

/**
 * The {@code statements} sub-command: runs one checkout of three lines through Cartwright on H2, and on PostgreSQL
 * when {@value Database#POSTGRES_ENV} names one, and prints every statement it issues (each entry one round trip:
 * a statement, a batch, a pipeline of several statements, or a commit), which is what baseline (b) writes by hand.
 */
final class Statements {

    private Statements() {
    }

    static List<String> cartwrightCheckout() {
        return cartwrightCheckout(Database.Kind.H2_MEMORY);
    }

    static List<String> cartwrightCheckout(Database.Kind kind) {
        try (Database database = Database.open(kind)) {
            StatementLog log = new StatementLog();
            JdbcStore store = JdbcStore.create(log.wrap(database.dataSource()));
            try (CartwrightCheckout shop = new CartwrightCheckout("cartwright", store, () -> { })) {
                shop.stock(List.of("A-1", "B-2", "C-3"), 1_000);
                shop.checkout(List.of("A-1", "B-2", "C-3"), "warm-up");
                log.clear();
                shop.checkout(List.of("A-1", "B-2", "C-3"), "inspected");
                return log.entries();
            }
        }
    }

    /** @return what one checkout of baseline (b) issues, recorded the same way */
    static List<String> handWrittenCheckout() {
        try (Database database = Database.open(Database.Kind.H2_MEMORY)) {
            StatementLog log = new StatementLog();
            HandWrittenCheckout shop = new HandWrittenCheckout(log.wrap(database.dataSource()));
            shop.stock(List.of("A-1", "B-2", "C-3"), 1_000);
            shop.checkout(List.of("A-1", "B-2", "C-3"), "warm-up");
            log.clear();
            shop.checkout(List.of("A-1", "B-2", "C-3"), "inspected");
            return log.entries();
        }
    }

    /**
     * @param entries what a checkout issued
     * @return "N round trips in T transactions"
     */
    static String roundTrips(List<String> entries) {
        return entries.size() + " round trips in " + entries.stream().filter(entry -> entry.equals("COMMIT")).count()
                + " transaction(s)";
    }

    static void print(PrintStream out) {
        List<Database.Kind> kinds = Database.postgresUrl().isPresent()
                ? List.of(Database.Kind.H2_MEMORY, Database.Kind.POSTGRESQL) : List.of(Database.Kind.H2_MEMORY);
        for (Database.Kind kind : kinds) {
            List<String> entries = cartwrightCheckout(kind);
            out.println("Statements of one Cartwright checkout (3 lines) on " + kind.label + ", " + entries.size()
                    + " round trips:");
            entries.forEach(entry -> out.println("  " + entry));
        }
    }
}
