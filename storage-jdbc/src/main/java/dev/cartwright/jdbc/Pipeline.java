package dev.cartwright.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The writes of one transaction that nothing in it waits for (inserts of new rows, the transaction's isolation
 * level), held back and sent together: before the transaction's next statement, with a guarded statement whose
 * counts the caller needs, or before the commit. On PostgreSQL everything sent together goes in one round trip:
 * pgjdbc sends a prepared statement of several SQL statements as one pipeline of parse, bind and execute
 * messages with a single sync, and reports each statement's count or rows in order. H2 runs in process, and
 * MariaDB's driver would need {@code allowMultiQueries}, so there each statement text is one batch.
 *
 * <p>A held-back write that fails (a duplicate key) fails the statement or the commit that sends it, in the same
 * transaction, so the transaction still writes all or nothing. When a pipeline of several statements fails,
 * PostgreSQL has aborted the transaction and the driver reports only the first error, before any count could be
 * checked: the pipeline then throws {@link Replay}, and the store runs the transaction again with its statements sent
 * one at a time, so that the failure is told as it would have been without pipelining (a missing row as
 * {@code NOT_FOUND} rather than the foreign key it broke). Not thread-safe: one per transaction.
 */
final class Pipeline {

    /** A bind value for SQL NULL, with the JDBC type the driver needs to send it. */
    record Null(int sqlType) {
        static final Null UUID = new Null(Types.OTHER);
        static final Null TEXT = new Null(Types.VARCHAR);
    }

    /** One SQL text with {@code ?} parameters, and its rows of values: several rows make a batch. */
    record Step(String sql, List<Object[]> rows, List<Check> checks) {

        Step(String sql, List<Object[]> rows) {
            this(sql, rows, new ArrayList<>());
        }

        static Step of(String sql, Object... values) {
            List<Object[]> rows = new ArrayList<>();
            rows.add(values);
            return new Step(sql, rows);
        }

        private void verify(int[] counts) {
            for (int i = 0; i < checks.size(); i++) {
                if (checks.get(i) != null) {
                    checks.get(i).verify(counts[i]);
                }
            }
        }
    }

    /** What a held-back write must have changed, checked when it has been sent; it throws if not. */
    @FunctionalInterface
    interface Check {
        void verify(int count);
    }

    /** What a flush answered for the steps the caller sent with it: counts per row, and the rows of a query. */
    record Answer(List<int[]> counts, List<Object[]> rows) {
    }

    /** A pipeline of several statements failed: run the transaction again, one statement at a time. */
    static final class Replay extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Replay(SQLException cause) {
            super("a pipeline of statements failed; the transaction runs again one statement at a time", cause);
        }
    }

    private final Connection connection;
    private final Dialect dialect;
    private final boolean pipelining;
    private final List<Step> pending = new ArrayList<>();
    private boolean sending;

    /**
     * @param pipelining whether to send several statements in one round trip where the dialect allows
     */
    Pipeline(Connection connection, Dialect dialect, boolean pipelining) {
        this.connection = connection;
        this.dialect = dialect;
        this.pipelining = pipelining && dialect == Dialect.POSTGRESQL;
    }

    /** Holds back a write until the transaction's next statement or its commit. */
    void defer(String sql, Object... values) {
        defer(null, sql, values);
    }

    /**
     * Holds back a write whose count must pass {@code check} once it is sent; a check that throws fails the
     * statement or the commit that sent the write, in this transaction.
     */
    void defer(Check check, String sql, Object... values) {
        Step last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last == null || !last.sql().equals(sql)) {
            last = new Step(sql, new ArrayList<>());
            pending.add(last);
        }
        last.rows().add(values);
        last.checks().add(check);
    }

    /** Sends what is held back, if anything. */
    void flush() throws SQLException {
        if (!pending.isEmpty() && !sending) {
            send(List.of(), null, 0);
        }
    }

    /**
     * Sends what is held back together with {@code steps}, and then {@code query}, if given.
     *
     * @param steps writes whose counts the caller needs
     * @param query a query whose rows the caller needs, or null
     * @param columns how many columns to read from each row of the query
     * @return the counts of {@code steps} (one per row of each step) and the rows of {@code query}
     */
    Answer send(List<Step> steps, Step query, int columns) throws SQLException {
        List<Step> held = List.copyOf(pending);
        pending.clear();
        sending = true;
        try {
            int statements = (query == null ? 0 : 1) + held.stream().mapToInt(step -> step.rows().size()).sum()
                    + steps.stream().mapToInt(step -> step.rows().size()).sum();
            if (!pipelining || statements == 1) {
                return oneByOne(held, steps, query, columns);
            }
            try {
                return pipelined(held, steps, query, columns);
            } catch (SQLException e) {
                throw new Replay(e);
            }
        } finally {
            sending = false;
        }
    }

    private Answer pipelined(List<Step> held, List<Step> steps, Step query, int columns) throws SQLException {
        List<Step> all = new ArrayList<>(held);
        all.addAll(steps);
        StringBuilder sql = new StringBuilder();
        for (Step step : all) {
            for (int row = 0; row < step.rows().size(); row++) {
                sql.append(sql.length() == 0 ? "" : ";\n").append(step.sql());
            }
        }
        if (query != null) {
            sql.append(sql.length() == 0 ? "" : ";\n").append(query.sql());
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Step step : all) {
                for (Object[] row : step.rows()) {
                    index = bind(statement, index, row);
                }
            }
            if (query != null) {
                bind(statement, index, query.rows().get(0));
            }
            boolean isRows = statement.execute();
            List<int[]> counts = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                int[] stepCounts = new int[all.get(i).rows().size()];
                for (int row = 0; row < stepCounts.length; row++) {
                    stepCounts[row] = statement.getUpdateCount();
                    isRows = statement.getMoreResults();
                }
                if (i < held.size()) {
                    all.get(i).verify(stepCounts);
                } else {
                    counts.add(stepCounts);
                }
            }
            List<Object[]> rows = isRows && query != null ? read(statement.getResultSet(), columns) : List.of();
            return new Answer(counts, rows);
        }
    }

    private Answer oneByOne(List<Step> held, List<Step> steps, Step query, int columns) throws SQLException {
        for (Step step : held) {
            step.verify(execute(step));
        }
        List<int[]> counts = new ArrayList<>();
        for (Step step : steps) {
            counts.add(execute(step));
        }
        if (query == null) {
            return new Answer(counts, List.of());
        }
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            bind(statement, 1, query.rows().get(0));
            try (ResultSet resultSet = statement.executeQuery()) {
                return new Answer(counts, read(resultSet, columns));
            }
        }
    }

    private int[] execute(Step step) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(step.sql())) {
            if (step.rows().size() == 1) {
                bind(statement, 1, step.rows().get(0));
                return new int[] {statement.executeUpdate()};
            }
            for (Object[] row : step.rows()) {
                bind(statement, 1, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    private int bind(PreparedStatement statement, int first, Object[] values) throws SQLException {
        int index = first;
        for (Object value : values) {
            if (value instanceof Null nothing) {
                statement.setNull(index, nothing.sqlType());
            } else if (value instanceof UUID uuid && dialect == Dialect.MARIADB) {
                statement.setString(index, uuid.toString());
            } else {
                statement.setObject(index, value);
            }
            index++;
        }
        return index;
    }

    private static List<Object[]> read(ResultSet resultSet, int columns) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        while (resultSet.next()) {
            Object[] row = new Object[columns];
            for (int column = 0; column < columns; column++) {
                row[column] = resultSet.getObject(column + 1);
            }
            rows.add(row);
        }
        return rows;
    }
}
