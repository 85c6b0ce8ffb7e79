package dev.cartwright.jdbc;

/**
 * The databases the schema is written for. H2 and PostgreSQL share one schema and differ only in what text
 * can hold; MariaDB has a schema of its own and its own way of skipping an insert whose key is taken.
 */
enum Dialect {
    H2,
    POSTGRESQL,
    MARIADB;

    /** The classpath folder of this database's Flyway migrations. */
    String migrations() {
        return this == MARIADB ? JdbcStore.MARIADB_MIGRATIONS : JdbcStore.MIGRATIONS;
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
