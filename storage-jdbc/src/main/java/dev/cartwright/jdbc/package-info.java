/**
 * Every Cartwright port in SQL over Jdbi, for H2 (in PostgreSQL mode), PostgreSQL and MariaDB; start at
 * {@link dev.cartwright.jdbc.JdbcStore}. The schema ships as Flyway migrations under
 * {@code db/cartwright/migration}, and for MariaDB under {@code db/cartwright/mariadb}.
 */
package dev.cartwright.jdbc;
