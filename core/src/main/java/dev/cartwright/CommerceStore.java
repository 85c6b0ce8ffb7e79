package dev.cartwright;

import dev.cartwright.store.Durability;
import java.util.function.Function;

/**
 * What a storage adapter implements: transactions over every repository of every context.
 *
 * <p>Implementations must be thread-safe and give each transaction serializable behaviour for the
 * invariants that the contract kit checks: work that throws leaves no trace, and work that returns
 * is durable before {@code inTransaction} returns.
 */
public interface CommerceStore {

    /**
     * Runs {@code work} in one transaction, retrying it a bounded number of times after a transient
     * conflict.
     *
     * @param work the work; it must not keep the transaction past its return
     * @param <T> the result type
     * @return what the work returned, after commit
     */
    <T> T inTransaction(Function<StoreTransaction, T> work);

    /**
     * Runs {@code work} in one transaction whose commit need only be as durable as {@code durability} says (see
     * {@link Durability#DEFERRED}); the default commits as {@link Durability#IMMEDIATE}.
     *
     * @param durability how soon the commit must survive a crash of the database
     * @param work the work; it must not keep the transaction past its return
     * @param <T> the result type
     * @return what the work returned, after commit
     */
    default <T> T inTransaction(Durability durability, Function<StoreTransaction, T> work) {
        return inTransaction(work);
    }

    /**
     * Runs {@code work} that only reads. An adapter may run it without a transaction of its own, so that it
     * never waits for writers (each statement then sees what had committed when it ran, not one snapshot for
     * the whole work); the default runs it as a transaction.
     *
     * @param work the work; it must not write, nor keep the repositories past its return
     * @param <T> the result type
     * @return what the work returned
     */
    default <T> T read(Function<StoreTransaction, T> work) {
        return inTransaction(work);
    }
}
