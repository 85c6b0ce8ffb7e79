package dev.cartwright.jdbc;

import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** A transaction's handle, and the translation of its failures where they happen. */
final class Sql {

    final Handle handle;
    final Dialect dialect;

    Sql(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
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
            if (SqlErrors.isTransient(e)) {
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
