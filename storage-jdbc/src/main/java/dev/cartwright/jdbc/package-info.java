/**
 * Every Cartwright port in SQL over Jdbi, for H2 (in PostgreSQL mode) and PostgreSQL; start at
 * {@link dev.cartwright.jdbc.JdbcStore}. The schema ships as Flyway migrations under
 * {@code db/cartwright/migration}.
 */
package dev.cartwright.jdbc;
