package dev.cartwright.cart;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.Validate;

/**
 * Who acts on a cart, which every customer-facing operation of {@link Carts} (and a checkout of a cart) is
 * given first: a customer reaches their own carts, a guest reaches the cart whose secret they hold. A cart
 * id alone reaches nothing; staff work through the back office instead. Immutable and thread-safe; a guest's
 * secret never appears in {@link Object#toString()}.
 */
public sealed interface CartAccess permits CartAccess.Customer, CartAccess.Guest {

    /**
     * @param customerId the logged-in customer
     * @return the customer's access to their own carts
     * @throws dev.cartwright.error.CommerceException {@code VALIDATION} on {@code customerId} if it is null
     */
    static Customer customer(CustomerId customerId) {
        return new Customer(customerId);
    }

    /**
     * @param secret the secret handed out with the guest's cart by {@link Carts#create}; any other text
     *     (blank included) is accepted here and admits no cart
     * @return the guest's access to that one cart
     * @throws dev.cartwright.error.CommerceException {@code VALIDATION} on {@code cartSecret} if it is null
     *     or holds U+0000 or an unpaired surrogate
     */
    static Guest guest(String secret) {
        return new Guest(secret);
    }

    /**
     * A logged-in customer, who reaches the carts they own.
     *
     * @param customerId the customer, as authenticated by the host
     */
    record Customer(CustomerId customerId) implements CartAccess {

        /** Validates. */
        public Customer {
            Validate.notNull(customerId, "customerId");
        }
    }

    /**
     * A guest, who reaches the guest cart whose secret they hold.
     *
     * @param secret the cart's secret, as {@link GuestCart#secret()} handed it out
     */
    record Guest(String secret) implements CartAccess {

        /** Validates. */
        public Guest {
            Validate.text(secret, "cartSecret");
        }

        /** @return a description without the secret, which must not reach logs */
        @Override
        public String toString() {
            return "Guest[secret=(hidden)]";
        }
    }
}
