package dev.cartwright.payment;

/** The repositories that {@link Payments} works on inside one transaction. */
public interface PaymentRepositories {

    /** @return the payments */
    PaymentRepository payments();
}
