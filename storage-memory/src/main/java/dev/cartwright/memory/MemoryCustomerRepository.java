package dev.cartwright.memory;

import dev.cartwright.customer.Customer;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.customer.CustomerRepository;
import dev.cartwright.customer.Email;
import java.time.Instant;
import java.util.Optional;

/** Customers in memory, with a unique index on e-mail. Guarded by the store's lock. */
final class MemoryCustomerRepository implements CustomerRepository {

    private final MemoryTable<CustomerId, Customer> byId;
    private final MemoryTable<Email, CustomerId> idByEmail;

    MemoryCustomerRepository(Journal journal) {
        this.byId = journal.table();
        this.idByEmail = journal.table();
    }

    @Override
    public boolean insert(Customer customer) {
        if (idByEmail.contains(customer.email()) || byId.contains(customer.id())) {
            return false;
        }
        byId.put(customer.id(), customer);
        idByEmail.put(customer.email(), customer.id());
        return true;
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return byId.get(id);
    }

    @Override
    public Optional<Customer> findByEmail(Email email) {
        return idByEmail.get(email).flatMap(byId::get);
    }

    @Override
    public boolean updatePasswordHash(CustomerId id, long expectedVersion, String passwordHash, Instant updatedAt) {
        Optional<Customer> current = byId.get(id);
        if (current.isEmpty() || current.get().version() != expectedVersion) {
            return false;
        }
        byId.put(id, current.get().withPasswordHash(passwordHash, updatedAt));
        return true;
    }
}
