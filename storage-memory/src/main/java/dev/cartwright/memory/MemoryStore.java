package dev.cartwright.memory;

import dev.cartwright.CommerceStore;
import dev.cartwright.StoreTransaction;
import dev.cartwright.error.Validate;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Every Cartwright port in memory: the store a host's unit tests run on.
 *
 * <p>Transactions are serializable: one runs at a time under a lock, and every change it makes is
 * journaled, so work that throws is undone before the exception leaves {@link #inTransaction}.
 * Thread-safe. Values are immutable records, so nothing read can be changed behind the store's back.
 */
public final class MemoryStore implements CommerceStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Journal journal = new Journal();
    private final MemoryRepositories repositories = new MemoryRepositories(journal);

    private MemoryStore() {
    }

    /** @return a new, empty store */
    public static MemoryStore create() {
        return new MemoryStore();
    }

    @Override
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
        Validate.notNull(work, "work");
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("transactions do not nest: a transaction is already open on this thread");
        }
        lock.lock();
        try {
            T result = work.apply(new MemoryTransaction(repositories));
            journal.commit();
            return result;
        } catch (RuntimeException | Error e) {
            journal.rollback();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Empties every table, as if the store were new. For tests that share one store. */
    public void reset() {
        lock.lock();
        try {
            journal.clearAllTables();
        } finally {
            lock.unlock();
        }
    }
}
