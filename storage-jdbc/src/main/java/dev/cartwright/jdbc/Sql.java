package dev.cartwright.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import dev.cartwright.error.CommerceException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * A transaction's handle, its {@link Pipeline} of held-back writes, and the translation of its failures where
 * they happen.
 */
final class Sql {

    final Handle handle;
    final Dialect dialect;
    private final Pipeline pipeline;

    Sql(Handle handle, Dialect dialect, boolean pipelining) {
        this.handle = handle;
        this.dialect = dialect;
        this.pipeline = new Pipeline(handle.getConnection(), dialect, pipelining);
        // Whatever the handle runs next sees the held-back writes first.
        handle.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
                pipeline.flush();
            }
        });
    }

    /** Holds back an insert that nothing in the transaction waits for; see {@link Pipeline}. */
    void defer(String statement, Object... values) {
        pipeline.defer(statement, values);
    }

    /** Holds back a write whose count {@code check} verifies once it is sent; see {@link Pipeline}. */
    void defer(Pipeline.Check check, String statement, Object... values) {
        pipeline.defer(check, statement, values);
    }

    /**
     * Tells why a held-back {@code UPDATE ... WHERE id = ? AND version = ?} changed no row, when its count is
     * checked: the row is gone ({@code NOT_FOUND}) or its version moved ({@link StaleVersionException}, so that the
     * store retries). Returns if neither, for the caller to name what else its update required.
     *
     * @param table the table, one of Cartwright's own
     * @param what the aggregate's name in messages, such as {@code "order"}
     * @param id the aggregate's id, as messages show it
     * @param key the id as the {@code id} column holds it
     * @param expectedVersion the version the update expected
     */
    void explainMissedUpdate(String table, String what, Object id, UUID key, long expectedVersion) {
        Optional<Long> stored = handle.createQuery("SELECT version FROM " + table + " WHERE id = :id")
                .bind("id", key).mapTo(Long.class).findOne();
        if (stored.isEmpty()) {
            throw CommerceException.notFound(what, id);
        }
        if (stored.get() != expectedVersion) {
            throw new StaleVersionException(what + " " + id + " is at version " + stored.get() + ", not "
                    + expectedVersion + ": it changed since it was read");
        }
    }

    /** Sends the held-back writes with {@code steps} and {@code query}; see {@link Pipeline#send}. */
    Pipeline.Answer send(List<Pipeline.Step> steps, Pipeline.Step query, int columns) {
        try {
            return pipeline.send(steps, query, columns);
        } catch (SQLException e) {
            throw new PipelineException(e);
        }
    }

    /** Sends the held-back writes, before the commit. */
    void flush() {
        try {
            pipeline.flush();
        } catch (SQLException e) {
            throw new PipelineException(e);
        }
    }

    /** @return the {@link Pipeline.Replay} that {@code failure} is or wraps, if any */
    static Pipeline.Replay replay(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Pipeline.Replay replay) {
                return replay;
            }
        }
        return null;
    }

    /** A failure of held-back writes, carrying the driver's exception for translation or a retry. */
    static final class PipelineException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PipelineException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Runs a statement, turning a database failure into a {@code CommerceException} at once, so that
     * services see the same exceptions as on the memory store. Transient failures pass untranslated, to be
     * retried by the store.
     */
    <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            if (SqlErrors.isTransient(e) || replay(e) != null) {
                throw e;
            }
            throw SqlErrors.translate(e, dialect);
        }
    }

    void exec(Runnable statement) {
        run(() -> {
            statement.run();
            return null;
        });
    }
}
