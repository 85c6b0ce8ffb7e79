package dev.cartwright.store;

/** How soon a committed transaction must survive a crash of the database itself. */
public enum Durability {

    /** Durable before the transaction's call returns: the default. */
    IMMEDIATE,

    /**
     * May be lost if the database server crashes shortly after the commit (on PostgreSQL, a transaction with
     * {@code synchronous_commit} off: within three times its WAL writer delay, by default 600 ms), though never
     * half-applied, and never lost when only the application dies. For work that is recorded elsewhere first and
     * that a sweep redoes from that record, such as a payment gateway's answer, which the gateway keeps under the
     * payment's key for {@code Checkout.recover()}. Adapters without such a setting commit it as
     * {@link #IMMEDIATE}.
     */
    DEFERRED
}
