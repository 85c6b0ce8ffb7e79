package dev.cartwright.jdbc;

import dev.cartwright.CommerceStore;
import dev.cartwright.StoreTransaction;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.store.Durability;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Every Cartwright port in SQL, over Jdbi, for H2, PostgreSQL and MariaDB (10.7 or later).
 *
 * <p>The schema ships in this jar as Flyway migrations under {@value #MIGRATIONS}, and for MariaDB under
 * {@value #MARIADB_MIGRATIONS} (history table {@value #HISTORY_TABLE}); {@link #create} applies them,
 * {@link Builder#migrate(boolean)} can turn that off for hosts that migrate themselves. On MariaDB the host
 * adds {@code org.flywaydb:flyway-mysql} and the MariaDB driver; MariaDB's tables are utf8mb4 with a binary
 * collation, so text compares as stored, as on PostgreSQL, and hold UUIDs as text. Keep the driver's default
 * {@code useAffectedRows=false}: the store reads update counts as rows matched, not rows changed.
 *
 * <p>Each {@link #inTransaction} runs on one connection at {@code READ COMMITTED}, whatever the pool's default:
 * on PostgreSQL and MariaDB its first statement sets it for that transaction only. Invariants that span
 * rows are kept with explicit row locks ({@code SELECT ... FOR UPDATE} on the stock or promotion row)
 * followed by guarded statements; versioned aggregates (products, customers, carts, payments, orders) are updated
 * with {@code WHERE id = ? AND version = ?}. Serialization failures and deadlocks (SQLState 40001, 40P01)
 * are retried, as are transactions whose versioned update found that another transaction changed the
 * aggregate since it was read (so that the work re-reads it, as if transactions ran one at a time), up to
 * {@value #MAX_ATTEMPTS} attempts in all with jittered backoff; a conflict that outlasts them is a
 * {@link dev.cartwright.error.ErrorCode#CONFLICT}. Unique-key violations become
 * {@link dev.cartwright.error.ErrorCode#CONFLICT}; other database failures become
 * {@link dev.cartwright.error.ErrorCode#STORAGE} with the cause attached. A {@link CommerceException}
 * thrown by the work leaves unchanged after rollback.
 *
 * <p>On an embedded H2 file (any H2 URL but {@code mem:}, {@code tcp:} and {@code ssl:}) the store runs one
 * transaction at a time per file in this JVM. H2's store writes the maps of a version (each table and index,
 * and the undo logs) one after another while other transactions keep changing them, so a process killed after
 * such a write can find, on restart, part of a transaction that was still in flight: a durability test found
 * an order without the payment inserted before it in the same transaction. With one transaction at a time,
 * the only transaction running while the store writes is the writer's own, whose undo log is written with it.
 * Embedded use can afford it: every commit on the file writes anyway.
 *
 * <p>Outbox events are rows of the transaction that appends them, stored as their record class name and a
 * text form of their components (any {@link dev.cartwright.event.CommerceEvent} record of the supported
 * component types, including a host's own); an entry whose class is gone or whose text no longer fits its
 * record is handed out as a {@link dev.cartwright.event.UnreadableEvent}, which is never given to a listener:
 * its delivery fails, is retried on the schedule and then parked for staff.
 *
 * <p>Instants are stored exactly, as nanoseconds since the epoch; instants before 1677 or after 2262 are
 * rejected with {@link dev.cartwright.error.ErrorCode#VALIDATION}.
 *
 * <p>A store is {@link AutoCloseable}: {@link #close()} closes what {@link #embeddedH2} opened, and nothing of a
 * host's data source, which the host closes itself after closing the store. Every call after {@code close} fails
 * with {@link IllegalStateException}.
 *
 * <p>Thread-safe.
 */
public final class JdbcStore implements CommerceStore, AutoCloseable {

    /** The classpath folder of the Flyway migrations. */
    public static final String MIGRATIONS = "db/cartwright/migration";

    /**
     * The classpath folder of the migrations that PostgreSQL runs after those in {@value #MIGRATIONS}:
     * trigram indexes for text search, which need the {@code pg_trgm} extension (shipped with PostgreSQL).
     */
    public static final String POSTGRESQL_MIGRATIONS = "db/cartwright/postgresql";

    /** The classpath folder of the Flyway migrations for MariaDB. */
    public static final String MARIADB_MIGRATIONS = "db/cartwright/mariadb";

    /** The Flyway history table of Cartwright's schema, apart from any history table of the host. */
    public static final String HISTORY_TABLE = "cartwright_schema_history";

    static final int MAX_ATTEMPTS = 5;

    /** One lock per embedded H2 file in this JVM, shared by every store over it. */
    private static final Map<String, ReentrantLock> EMBEDDED_FILES = new ConcurrentHashMap<>();

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Optional<ReentrantLock> oneAtATime;
    private final ThreadLocal<Boolean> open = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcStore(Jdbi jdbi, Dialect dialect, Optional<ReentrantLock> oneAtATime, Runnable release) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.oneAtATime = oneAtATime;
        this.release = release;
    }

    /**
     * A store over {@code dataSource}, migrated to the current schema.
     *
     * @param dataSource where the tables are (an H2 database in PostgreSQL mode, PostgreSQL or MariaDB)
     * @return the store
     * @throws CommerceException {@code VALIDATION} if {@code dataSource} is null; {@code STORAGE} if the
     *     database cannot be reached or migrated
     */
    public static JdbcStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * A store in an embedded H2 database, created if missing and migrated: one line for demos and tests.
     *
     * <p>A file database is opened with {@code WRITE_DELAY=0}: H2 keeps no redo log, and by default its
     * store writes committed changes to the file only every 500 ms, so a process killed within that time
     * would lose transactions that had already committed. With the delay at zero every commit is written to
     * the file (the operating system's cache) before {@link #inTransaction} returns, so committed work
     * survives the process being killed; it is not forced to the disk ({@code fsync}), so a power failure
     * may still lose the last commits. That costs a write per transaction, which embedded use can afford.
     * Transactions on the file run one at a time (see the class description), so that a kill never leaves part
     * of one behind. The price of the delay at zero: H2 then does no background compaction (h2database issue
     * 442), so a file that takes many transactions grows, and its commits slow, until the database is closed;
     * embedded H2 is for demos and tests, PostgreSQL for a shop.
     *
     * <p>The database stays open as long as the store ({@code DB_CLOSE_DELAY=-1}), reached through H2's own
     * connection pool (at most 32 connections), so no call pays for opening the file again. It is opened with
     * {@code DB_CLOSE_ON_EXIT=FALSE}, so that H2 does not close it under requests still in flight when the JVM
     * begins to exit: the host calls {@link #close()} once it has stopped taking requests. A store never closed
     * loses nothing committed, as every commit is already in the file. Closing the last store in this JVM over
     * the database shuts it down ({@code SHUTDOWN}): a file is then written and released, and an in-memory
     * database is dropped with its data. Several stores may be open over one database; closing one leaves the
     * others working. Each session keeps 64 parsed statements ({@code QUERY_CACHE_SIZE=64}, H2's default is 8,
     * fewer than a checkout runs).
     *
     * @param nameOrPath a name such as {@code "shop"} for an in-memory database that lives until its last
     *     store is closed, or a path containing {@code '/'} or {@code '\'} (without {@code .mv.db}) for a file
     * @return the store; close it to close the database
     * @throws CommerceException {@code VALIDATION} if the name is blank; {@code STORAGE} if H2 is not on the
     *     class path or the database cannot be opened
     */
    public static JdbcStore embeddedH2(String nameOrPath) {
        String url = embeddedH2Url(nameOrPath);
        EmbeddedH2 database = EmbeddedH2.open(embeddedFile(url).orElse(url.split(";", 2)[0]), url);
        try {
            Builder builder = builder(database.dataSource());
            builder.release = database::close;
            return builder.build();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Parsed statements H2 keeps per session: its default of 8 is fewer than a checkout runs, so it parsed most of
     * them again on every checkout; at 64 a checkout takes about a tenth less CPU (measured, single thread).
     */
    static final int QUERY_CACHE_SIZE = 64;

    /** The JDBC URL that {@link #embeddedH2} opens. */
    static String embeddedH2Url(String nameOrPath) {
        Validate.notBlank(nameOrPath, "nameOrPath", 1000);
        boolean file = nameOrPath.contains("/") || nameOrPath.contains("\\");
        return (file ? "jdbc:h2:file:" : "jdbc:h2:mem:") + nameOrPath
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE
                + (file ? ";WRITE_DELAY=0" : "");
    }

    /**
     * @param dataSource where the tables are
     * @return a builder of a store over it
     * @throws CommerceException {@code VALIDATION} if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Validate.notNull(dataSource, "dataSource"));
    }

    @Override
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
        return inTransaction(Durability.IMMEDIATE, work);
    }

    /**
     * As {@link #inTransaction(Function)}; on PostgreSQL a {@link Durability#DEFERRED} transaction also sets
     * {@code synchronous_commit} off for itself only, so that its commit does not wait for its WAL to reach the
     * disk. H2 and MariaDB have no such setting for one transaction and commit it as any other.
     */
    @Override
    public <T> T inTransaction(Durability durability, Function<StoreTransaction, T> work) {
        Validate.notNull(durability, "durability");
        Validate.notNull(work, "work");
        enter();
        try {
            boolean pipelining = true;
            for (int attempt = 1; ; attempt++) {
                boolean pipelined = pipelining;
                oneAtATime.ifPresent(ReentrantLock::lock);
                try {
                    if (dialect == Dialect.H2) {
                        // In process, so Jdbi's way costs nothing: it reads the level, sets it, and restores it.
                        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                                handle -> run(work, new JdbcTransaction(handle, dialect)));
                    }
                    // For this transaction only, whatever the pool's default, sent with its first statements;
                    // Jdbi's way would cost PostgreSQL three more round trips (read the level, set it, set it back).
                    return jdbi.inTransaction(handle -> {
                        JdbcTransaction transaction = new JdbcTransaction(handle, dialect, pipelined)
                                .first("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                        if (durability == Durability.DEFERRED && dialect == Dialect.POSTGRESQL) {
                            transaction.first("SET LOCAL synchronous_commit TO OFF");
                        }
                        return run(work, transaction);
                    });
                } catch (StaleVersionException e) {
                    if (attempt < MAX_ATTEMPTS) {
                        backOff(attempt);
                        continue;
                    }
                    throw CommerceException.conflict(e.getMessage());
                } catch (RuntimeException e) {
                    if (pipelining && Sql.replay(e) != null) {
                        pipelining = false;
                        attempt--;
                        continue;
                    }
                    if (attempt < MAX_ATTEMPTS && SqlErrors.isTransient(e)) {
                        backOff(attempt);
                        continue;
                    }
                    throw translated(e);
                } finally {
                    oneAtATime.ifPresent(ReentrantLock::unlock);
                }
            }
        } finally {
            open.remove();
        }
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode: no transaction to begin or commit, no isolation to
     * set, and on an embedded H2 file no wait for the one transaction at a time that writes (H2's multi-version
     * store lets a read run beside a writer). Each statement sees what had committed when it ran.
     */
    @Override
    public <T> T read(Function<StoreTransaction, T> work) {
        Validate.notNull(work, "work");
        enter();
        try {
            return jdbi.withHandle(handle -> {
                autoCommit(handle.getConnection());
                return work.apply(new JdbcTransaction(handle, dialect));
            });
        } catch (RuntimeException e) {
            throw translated(e);
        } finally {
            open.remove();
        }
    }

    private static <T> T run(Function<StoreTransaction, T> work, JdbcTransaction transaction) {
        T result = work.apply(transaction);
        transaction.flush();
        return result;
    }

    /**
     * Closes the store: every call afterwards fails with {@link IllegalStateException}. For a store that
     * {@link #embeddedH2} built, it then closes the connections it opened and, if no other store in this JVM is
     * open over the database, shuts the database down (see {@link #embeddedH2}); on a file it first waits for the
     * transaction running on it, if any. For a store over a host's data source ({@link #create}, {@link #builder})
     * it closes nothing of the data source: the host closes its pool, after the store. Calls still running may
     * fail with {@code STORAGE}, so a host closes the store after it stops taking requests. Closing again does
     * nothing.
     *
     * @throws IllegalStateException if called inside one of this store's transactions
     * @throws CommerceException {@code STORAGE} if the embedded database could not be shut down
     */
    @Override
    public void close() {
        if (open.get()) {
            throw new IllegalStateException("close the store outside its transactions");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        oneAtATime.ifPresent(ReentrantLock::lock);
        try {
            release.run();
        } finally {
            oneAtATime.ifPresent(ReentrantLock::unlock);
        }
    }

    /** Marks this thread as inside one of the store's transactions or reads, which do not nest. */
    private void enter() {
        requireOpen();
        if (open.get()) {
            throw new IllegalStateException("transactions do not nest: a transaction is already open on this thread");
        }
        open.set(Boolean.TRUE);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the store is closed");
        }
    }

    /** A pool that hands out connections outside auto-commit resets the mode when it takes one back. */
    private static void autoCommit(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    private RuntimeException translated(RuntimeException e) {
        if (e instanceof JdbiException || SqlErrors.sqlCause(e) != null && !(e instanceof CommerceException)) {
            return SqlErrors.translate(e, dialect);
        }
        return e;
    }

    /** The canonical path of the H2 database file that an H2 {@code url} opens in this JVM, if it does. */
    private static Optional<String> embeddedFile(String url) {
        String database = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (database.startsWith("mem:") || database.startsWith("tcp:") || database.startsWith("ssl:")) {
            return Optional.empty();
        }
        String path = database.startsWith("file:") ? database.substring("file:".length()) : database;
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Paths.get(path).toAbsolutePath().normalize().toString());
    }

    private static void backOff(int attempt) {
        long bound = 5L << attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommerceException.storage("interrupted while retrying a transaction", e);
        }
    }

    /** Settings of a {@link JdbcStore}. Not thread-safe; build once. */
    public static final class Builder {

        private final DataSource dataSource;
        private boolean migrate = true;
        /** What the store closes: nothing of a host's data source. */
        private Runnable release = () -> { };

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * @param apply whether {@link #build()} applies the pending migrations (default {@code true})
         * @return this builder
         */
        public Builder migrate(boolean apply) {
            this.migrate = apply;
            return this;
        }

        /**
         * @return the store, with its schema migrated if so set
         * @throws CommerceException {@code STORAGE} if the database cannot be reached or migrated;
         *     {@code VALIDATION} (field {@code dataSource}) if it is not H2, PostgreSQL or MariaDB
         */
        public JdbcStore build() {
            Dialect dialect;
            Optional<String> embeddedFile;
            try (Connection connection = dataSource.getConnection()) {
                dialect = detect(connection);
                embeddedFile = dialect == Dialect.H2 ? embeddedFile(connection.getMetaData().getURL())
                        : Optional.empty();
            } catch (SQLException e) {
                throw CommerceException.storage("could not connect to the database", e);
            }
            if (migrate) {
                try {
                    Flyway.configure(JdbcStore.class.getClassLoader())
                            .dataSource(dataSource)
                            .locations(Arrays.stream(dialect.migrations()).map(path -> "classpath:" + path)
                                    .toArray(String[]::new))
                            .table(HISTORY_TABLE)
                            // A host's own tables may share the schema: start Cartwright's history beside them.
                            .baselineOnMigrate(true)
                            .baselineVersion("0")
                            .load()
                            .migrate();
                } catch (RuntimeException e) {
                    throw CommerceException.storage("could not migrate the Cartwright schema", e);
                }
            }
            return new JdbcStore(Jdbi.create(dataSource), dialect,
                    embeddedFile.map(file -> EMBEDDED_FILES.computeIfAbsent(file, any -> new ReentrantLock())), release);
        }

        private static Dialect detect(Connection connection) throws SQLException {
            String product = connection.getMetaData().getDatabaseProductName();
            String name = product.toLowerCase(Locale.ROOT);
            if (name.contains("postgres")) {
                return Dialect.POSTGRESQL;
            }
            if (name.contains("mariadb")) {
                return Dialect.MARIADB;
            }
            if (name.equals("h2")) {
                return Dialect.H2;
            }
            throw CommerceException.invalid("dataSource",
                    "is a " + product + " database; Cartwright's schema is written for H2, PostgreSQL and MariaDB");
        }
    }
}
