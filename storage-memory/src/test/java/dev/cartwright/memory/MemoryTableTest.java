package dev.cartwright.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class MemoryTableTest {

    private final Journal journal = new Journal();
    private final MemoryTable<String, String> table = journal.sortedTable();

    @Test
    void rollbackUndoesInsertsReplacementsAndRemovalsInReverseOrder() {
        table.put("a", "1");
        table.put("b", "2");
        journal.commit();

        table.put("a", "changed");
        table.put("c", "3");
        table.remove("b");
        table.put("b", "again");
        table.remove("c");
        journal.rollback();

        assertThat(table.sorted()).containsExactly(
                entry("a", "1"), entry("b", "2"));
    }

    @Test
    void committedChangesSurviveALaterRollback() {
        table.put("a", "1");
        journal.commit();
        table.remove("a");
        journal.commit();
        journal.rollback();
        assertThat(table.get("a")).isEmpty();
    }

    @Test
    void clearingAllTablesForgetsPendingUndo() {
        table.put("a", "1");
        journal.clearAllTables();
        journal.rollback();
        assertThat(table.size()).isZero();
    }
}
