package dev.cartwright.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one measurement, behind a HikariCP pool: H2 in memory, H2 in a file (in a temporary
 * folder, deleted on close) or a schema of its own in the PostgreSQL named by {@value #POSTGRES_ENV} (dropped on
 * close). The pool holds {@value #POOL_SIZE} connections, enough for the largest thread count, for Cartwright and
 * the baselines alike.
 */
final class Database implements AutoCloseable {

    /** The environment variable naming the PostgreSQL database, as in the contract tests. */
    static final String POSTGRES_ENV = "CARTWRIGHT_POSTGRES_URL";
    static final int POOL_SIZE = 16;
    /** The settings every H2 URL of the benchmarks carries, as {@code JdbcStore.embeddedH2} sets them. */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";

    /** Where the tables live. */
    enum Kind {
        H2_MEMORY("H2 in memory"), H2_FILE("H2 file"),
        /** An H2 file with H2's default write delay (500 ms), for bulk loads: see the catalog benchmark. */
        H2_FILE_DELAYED("H2 file (500 ms write delay)"),
        POSTGRESQL("PostgreSQL");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Kind kind;
    private final HikariDataSource pool;
    private final Runnable cleanUp;

    private Database(Kind kind, HikariDataSource pool, Runnable cleanUp) {
        this.kind = kind;
        this.pool = pool;
        this.cleanUp = cleanUp;
    }

    /** @return the PostgreSQL URL from the environment, if set */
    static Optional<String> postgresUrl() {
        return Optional.ofNullable(System.getenv(POSTGRES_ENV)).filter(url -> !url.isBlank());
    }

    /**
     * @param kind which database
     * @return a new empty database
     * @throws IllegalStateException for PostgreSQL when {@value #POSTGRES_ENV} is not set
     */
    static Database open(Kind kind) {
        String unique = "cw_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName(unique);
        switch (kind) {
            case H2_MEMORY -> {
                config.setJdbcUrl("jdbc:h2:mem:" + unique + H2_OPTIONS + ";DB_CLOSE_DELAY=-1");
                HikariDataSource pool = new HikariDataSource(config);
                return new Database(kind, pool, () -> shutDown(pool));
            }
            case H2_FILE, H2_FILE_DELAYED -> {
                Path folder = temporaryFolder();
                // WRITE_DELAY=0 as JdbcStore.embeddedH2 and the monolith open a file: every commit reaches the file.
                config.setJdbcUrl("jdbc:h2:file:" + folder.resolve("shop").toAbsolutePath() + H2_OPTIONS
                        + (kind == Kind.H2_FILE ? ";WRITE_DELAY=0" : ""));
                HikariDataSource pool = new HikariDataSource(config);
                return new Database(kind, pool, () -> {
                    shutDown(pool);
                    delete(folder);
                });
            }
            case POSTGRESQL -> {
                String url = postgresUrl().orElseThrow(() -> new IllegalStateException(POSTGRES_ENV + " is not set"));
                config.setJdbcUrl(url);
                try (HikariDataSource admin = new HikariDataSource(copy(config, unique + "_admin"))) {
                    execute(admin, "CREATE SCHEMA " + unique);
                }
                config.setSchema(unique);
                HikariDataSource pool = new HikariDataSource(config);
                return new Database(kind, pool, () -> execute(pool, "DROP SCHEMA " + unique + " CASCADE"));
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    private static HikariConfig copy(HikariConfig config, String name) {
        HikariConfig copy = new HikariConfig();
        copy.setJdbcUrl(config.getJdbcUrl());
        copy.setMaximumPoolSize(1);
        copy.setPoolName(name);
        return copy;
    }

    Kind kind() {
        return kind;
    }

    HikariDataSource dataSource() {
        return pool;
    }

    /** @return the database's product name and version, for the report */
    String version() {
        try (Connection connection = pool.getConnection()) {
            return connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Refreshes the planner's statistics after a bulk load, as PostgreSQL's autovacuum does on its own a
     * little later. Without them a prepared statement's generic plan may scan a million-row table for
     * twenty ids. Autovacuum may be off on the measuring machine (it is on the development machines), so
     * the benchmark does not wait for it.
     */
    void analyze() {
        if (kind == Kind.POSTGRESQL) {
            execute(pool, "ANALYZE");
        }
    }

    @Override
    public void close() {
        try {
            cleanUp.run();
        } finally {
            pool.close();
        }
    }

    static void execute(HikariDataSource pool, String sql) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** H2 closes the connection that shuts it down, under the pool's feet: that error is expected. */
    private static void shutDown(HikariDataSource pool) {
        try {
            execute(pool, "SHUTDOWN");
        } catch (IllegalStateException expected) {
            // closed, as asked
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("cartwright-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything in it. */
    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
