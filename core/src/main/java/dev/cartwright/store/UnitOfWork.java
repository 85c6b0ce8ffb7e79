package dev.cartwright.store;

import java.util.function.Function;

/**
 * The transaction port: runs work atomically over a view {@code R} of the repositories.
 *
 * <p>Each service is built with the view it needs (such as {@code UnitOfWork<CatalogRepositories>}),
 * so it sees its own repositories and nothing else. The work either commits as a whole or, when it
 * throws, leaves no trace. An adapter may run the work more than once after a transient conflict, so
 * the work must not have side effects outside the repositories it is given.
 *
 * @param <R> the repositories visible inside the transaction
 */
@FunctionalInterface
public interface UnitOfWork<R> {

    /**
     * Runs {@code work} in one transaction.
     *
     * @param work what to do with the repositories; must not keep them past its return
     * @param <T> the result type
     * @return what the work returned, after commit
     * @throws dev.cartwright.error.CommerceException what the work threw (after rollback), or
     *     {@code STORAGE} if the adapter failed
     */
    <T> T inTransaction(Function<R, T> work);

    /**
     * Runs {@code work} in one transaction whose commit need only be as durable as {@code durability} says; the
     * default commits as {@link Durability#IMMEDIATE}.
     *
     * @param durability how soon the commit must survive a crash of the database
     * @param work what to do with the repositories; must not keep them past its return
     * @param <T> the result type
     * @return what the work returned, after commit
     */
    default <T> T inTransaction(Durability durability, Function<R, T> work) {
        return inTransaction(work);
    }

    /**
     * Runs {@code work} that only reads, possibly without a transaction of its own, so that it does not wait
     * for writers: each statement sees what had committed when it ran. For look-ups that need no snapshot
     * across statements; the default runs it as a transaction.
     *
     * @param work what to read; must not write, nor keep the repositories past its return
     * @param <T> the result type
     * @return what the work returned
     */
    default <T> T read(Function<R, T> work) {
        return inTransaction(work);
    }
}
