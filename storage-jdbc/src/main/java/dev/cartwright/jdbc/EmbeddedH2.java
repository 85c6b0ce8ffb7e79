package dev.cartwright.jdbc;

import dev.cartwright.error.CommerceException;
import javax.sql.DataSource;

/** Builds H2's own data source by reflection, so that H2 stays an optional dependency. */
final class EmbeddedH2 {

    private EmbeddedH2() {
    }

    static DataSource dataSource(String url) {
        try {
            Class<?> type = Class.forName("org.h2.jdbcx.JdbcDataSource");
            Object dataSource = type.getConstructor().newInstance();
            type.getMethod("setURL", String.class).invoke(dataSource, url);
            return (DataSource) dataSource;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw CommerceException.storage("H2 (com.h2database:h2) is needed on the class path for an embedded store", e);
        }
    }
}
