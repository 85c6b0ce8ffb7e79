package dev.cartwright.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A data source whose connections record each statement prepared or created (its SQL; a prepared statement of
 * several SQL statements is one entry, as it is one round trip) and each {@code COMMIT}, so that a test can count
 * what a store sends. Thread-safe.
 */
final class RecordingDataSource {

    static final String COMMIT = "COMMIT";

    private final List<String> entries = new ArrayList<>();

    /**
     * @param target the real data source
     * @return a data source whose connections record into this
     */
    DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    return result instanceof Connection connection ? recording(connection) : result;
                });
    }

    /** @return what was recorded so far, in order */
    synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** Forgets what was recorded. */
    synchronized void clear() {
        entries.clear();
    }

    private Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("prepareStatement") || name.equals("createStatement")
                            || name.equals("prepareCall")) {
                        record(args == null || args.length == 0 ? "statement" : String.valueOf(args[0]));
                    } else if (name.equals("commit")) {
                        record(COMMIT);
                    }
                    return invoke(method, connection, args);
                });
    }

    private synchronized void record(String entry) {
        entries.add(entry.replaceAll("\\s+", " "));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
