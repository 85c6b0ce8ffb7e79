package dev.cartwright.jdbc;

/** The databases the schema is written for; they differ only in what text can hold. */
enum Dialect {
    H2,
    POSTGRESQL
}
