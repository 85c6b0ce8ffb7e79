package dev.cartwright.memory;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A map of immutable values whose every change is journaled, so that a failed transaction can be
 * undone. Not thread-safe on its own: the store's lock guards it.
 */
final class MemoryTable<K, V> {

    private final Journal journal;
    private final Map<K, V> rows;

    MemoryTable(Journal journal, boolean sorted) {
        this.journal = journal;
        this.rows = sorted ? new TreeMap<>() : new HashMap<>();
    }

    Optional<V> get(K key) {
        return Optional.ofNullable(rows.get(key));
    }

    boolean contains(K key) {
        return rows.containsKey(key);
    }

    void put(K key, V value) {
        V previous = rows.put(key, value);
        journal.record(previous == null ? () -> rows.remove(key) : () -> rows.put(key, previous));
    }

    void remove(K key) {
        V previous = rows.remove(key);
        if (previous != null) {
            journal.record(() -> rows.put(key, previous));
        }
    }

    Collection<V> values() {
        return Collections.unmodifiableCollection(rows.values());
    }

    /** @return the rows in key order; only for a table made with {@link Journal#sortedTable()} */
    NavigableMap<K, V> sorted() {
        return Collections.unmodifiableNavigableMap((NavigableMap<K, V>) rows);
    }

    int size() {
        return rows.size();
    }

    void clear() {
        rows.clear();
    }
}
