package dev.cartwright.jdbc;

/**
 * The databases the schema is written for. H2 and PostgreSQL share one schema, to which PostgreSQL adds
 * trigram indexes for text search; MariaDB has a schema of its own and its own way of skipping an insert
 * whose key is taken.
 */
enum Dialect {
    H2,
    POSTGRESQL,
    MARIADB;

    /** @return the classpath folders of this database's Flyway migrations */
    String[] migrations() {
        return switch (this) {
            case H2 -> new String[] {JdbcStore.MIGRATIONS};
            case POSTGRESQL -> new String[] {JdbcStore.MIGRATIONS, JdbcStore.POSTGRESQL_MIGRATIONS};
            case MARIADB -> new String[] {JdbcStore.MARIADB_MIGRATIONS};
        };
    }

    /**
     * @param intoAndValues an insert without its leading {@code INSERT}: {@code INTO t (...) VALUES (...)}
     * @return the insert, made to insert nothing (and count no row) when a unique key is already taken
     */
    String insertUnlessTaken(String intoAndValues) {
        // INSERT IGNORE also turns other errors into warnings; the callers bind only validated values.
        return this == MARIADB ? "INSERT IGNORE " + intoAndValues : "INSERT " + intoAndValues + " ON CONFLICT DO NOTHING";
    }
}
