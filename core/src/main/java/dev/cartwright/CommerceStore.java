package dev.cartwright;

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
}
