package dev.cartwright.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link DataSource} wrapper that records every statement executed and every commit, so that a benchmark can
 * show (and a test can check) which SQL a checkout issues. Thread-safe; meant for inspection runs, not for
 * measured ones.
 */
final class StatementLog {

    private final List<String> entries = new ArrayList<>();

    /**
     * @param target the real data source
     * @return a data source whose connections record into this log
     */
    DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? connection(connection) : result;
                });
    }

    /** @return the statements recorded so far, in order; {@code COMMIT} and {@code ROLLBACK} included */
    synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** Forgets what was recorded. */
    synchronized void clear() {
        entries.clear();
    }

    private synchronized void record(String entry) {
        entries.add(entry.replaceAll("\\s+", " ").trim());
    }

    private Connection connection(Connection target) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                record(name.toUpperCase(java.util.Locale.ROOT));
            }
            Object result = invoke(target, method, args);
            if (result instanceof PreparedStatement statement && args != null && args[0] instanceof String sql) {
                return statement(statement, PreparedStatement.class, sql);
            }
            if (result instanceof Statement statement) {
                return statement(statement, Statement.class, null);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private Object statement(Statement target, Class<? extends Statement> type, String preparedSql) {
        int[] batched = {0};
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("addBatch") && preparedSql != null) {
                batched[0]++;
            } else if (name.equals("executeBatch") && preparedSql != null) {
                record("[batch of " + batched[0] + "] " + preparedSql);
                batched[0] = 0;
            } else if (name.startsWith("execute")) {
                record(preparedSql != null ? preparedSql : String.valueOf(args == null ? "" : args[0]));
            }
            return invoke(target, method, args);
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
