package dev.cartwright.jdbc;

import dev.cartwright.customer.Customer;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.customer.CustomerRepository;
import dev.cartwright.customer.Email;
import java.time.Instant;
import java.util.Optional;

/** Customers in one table, unique by e-mail address. */
final class JdbcCustomerRepository implements CustomerRepository {

    private static final String SELECT = "SELECT id, email, name, password_hash, version, created_at, updated_at"
            + " FROM customers";

    private final Sql sql;

    JdbcCustomerRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean insert(Customer customer) {
        return sql.run(() -> sql.handle.createUpdate(sql.dialect.insertUnlessTaken("INTO customers (id, email, name,"
                + " password_hash, version, created_at, updated_at)"
                + " VALUES (:id, :email, :name, :passwordHash, :version, :createdAt, :updatedAt)"))
                .bind("id", customer.id().value())
                .bind("email", customer.email().value())
                .bind("name", customer.name())
                .bind("passwordHash", customer.passwordHash())
                .bind("version", customer.version())
                .bind("createdAt", Rows.nanos(customer.createdAt()))
                .bind("updatedAt", Rows.nanos(customer.updatedAt()))
                .execute() == 1);
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return find(SELECT + " WHERE id = :key", id.value());
    }

    @Override
    public Optional<Customer> findByEmail(Email email) {
        return find(SELECT + " WHERE email = :key", email.value());
    }

    @Override
    public boolean updatePasswordHash(CustomerId id, long expectedVersion, String passwordHash, Instant updatedAt) {
        return sql.run(() -> sql.handle.createUpdate("UPDATE customers SET password_hash = :passwordHash,"
                + " version = version + 1, updated_at = :updatedAt WHERE id = :id AND version = :expectedVersion")
                .bind("id", id.value())
                .bind("passwordHash", passwordHash)
                .bind("updatedAt", Rows.nanos(updatedAt))
                .bind("expectedVersion", expectedVersion)
                .execute() == 1);
    }

    private Optional<Customer> find(String select, Object key) {
        return sql.run(() -> sql.handle.createQuery(select)
                .bind("key", key)
                .map((rs, ctx) -> new Customer(new CustomerId(Rows.uuid(rs, "id")), Email.of(rs.getString("email")),
                        rs.getString("name"), rs.getString("password_hash"), rs.getLong("version"),
                        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at")))
                .findOne());
    }
}
