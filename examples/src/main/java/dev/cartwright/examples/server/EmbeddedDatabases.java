package dev.cartwright.examples.server;

import java.util.Locale;

/**
 * JDBC URLs as the hosts open them. An embedded H2 database closes itself when the JVM starts to exit, while the
 * server may still be finishing requests on it; the hosts close it themselves after the server has drained, so its
 * URL must say {@code DB_CLOSE_ON_EXIT=FALSE}.
 */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {
    }

    /**
     * @param jdbcUrl a JDBC URL, the user's own or a default
     * @return the URL, with {@code ;DB_CLOSE_ON_EXIT=FALSE} added if it names an embedded H2 database without saying
     *     when to close it; any other URL unchanged
     */
    public static String closedByTheHost(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        boolean embeddedH2 = lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:");
        if (!embeddedH2 || lower.contains(";db_close_on_exit=")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
