package dev.cartwright.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The undo log of the one transaction that holds the store's lock, and the registry of the tables
 * that write to it. Touched only by the thread that holds the lock.
 */
final class Journal {

    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final List<MemoryTable<?, ?>> tables = new ArrayList<>();

    <K, V> MemoryTable<K, V> table() {
        MemoryTable<K, V> table = new MemoryTable<>(this, false);
        tables.add(table);
        return table;
    }

    <K extends Comparable<K>, V> MemoryTable<K, V> sortedTable() {
        MemoryTable<K, V> table = new MemoryTable<>(this, true);
        tables.add(table);
        return table;
    }

    void record(Runnable undoAction) {
        undo.push(undoAction);
    }

    void commit() {
        undo.clear();
    }

    void rollback() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    void clearAllTables() {
        undo.clear();
        tables.forEach(MemoryTable::clear);
    }
}
