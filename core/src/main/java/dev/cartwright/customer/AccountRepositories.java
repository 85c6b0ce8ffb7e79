package dev.cartwright.customer;

/** The repositories that {@link Accounts} works on inside one transaction. */
public interface AccountRepositories {

    /** @return the customers */
    CustomerRepository customers();

    /** @return the login sessions */
    SessionRepository sessions();
}
