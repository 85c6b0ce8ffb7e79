package dev.cartwright.order;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.Optional;

/**
 * Who changed an order, as its history records them. The text form ({@link #toString()}) is what
 * {@link OrderTransition#actor()} stores: {@code "customer:<id>"}, {@code "guest"}, {@code "staff:<name>"},
 * {@code "system"}, or {@code "system:<reason>"} when the system acted for a stated reason. Immutable and
 * thread-safe.
 */
public sealed interface Actor {

    /** @return the guest who placed or pays an order without an account */
    static Actor guest() {
        return Guest.INSTANCE;
    }

    /** @return the library itself: sweeps, recovery, gateway answers */
    static Actor system() {
        return System.PLAIN;
    }

    /**
     * Reads an actor's text form, as {@link #toString()} writes it.
     *
     * @param text the text form
     * @return the actor
     * @throws CommerceException {@code VALIDATION} (field {@code actor}) if it is no actor's text form
     */
    static Actor parse(String text) {
        Validate.notBlank(text, "actor", 200);
        if (text.equals(Guest.TEXT)) {
            return guest();
        }
        if (text.equals(System.TEXT)) {
            return system();
        }
        if (text.startsWith(System.TEXT + ":")) {
            return new System(Optional.of(text.substring(System.TEXT.length() + 1)));
        }
        if (text.startsWith(Staff.PREFIX)) {
            return new Staff(text.substring(Staff.PREFIX.length()));
        }
        if (text.startsWith(Customer.PREFIX)) {
            return new Customer(CustomerId.parse(text.substring(Customer.PREFIX.length())));
        }
        throw CommerceException.invalid("actor", "is not an actor's text form: " + text);
    }

    /** @return who acted, as events name them: the text form without a reason of the system's */
    default String who() {
        return toString();
    }

    /**
     * A customer acting on their own order.
     *
     * @param customerId the customer
     */
    record Customer(CustomerId customerId) implements Actor {
        private static final String PREFIX = "customer:";

        /** Validates. */
        public Customer {
            Validate.notNull(customerId, "customerId");
        }

        @Override
        public String toString() {
            return PREFIX + customerId;
        }
    }

    /** A guest, who has no account. */
    record Guest() implements Actor {
        private static final String TEXT = "guest";
        private static final Guest INSTANCE = new Guest();

        @Override
        public String toString() {
            return TEXT;
        }
    }

    /**
     * A member of the shop's staff, working through {@link BackOffice}.
     *
     * @param name their name, as the host gave it, up to 100 characters
     */
    record Staff(String name) implements Actor {
        private static final String PREFIX = "staff:";

        /** Validates. */
        public Staff {
            Validate.notBlank(name, "staff", 100);
        }

        @Override
        public String toString() {
            return PREFIX + name;
        }
    }

    /**
     * The library itself.
     *
     * @param reason why it acted, kept in the history (such as {@code "out-of-stock:<sku>"}); empty for its
     *     ordinary work
     */
    record System(Optional<String> reason) implements Actor {
        private static final String TEXT = "system";
        private static final System PLAIN = new System(Optional.empty());

        /** Validates. */
        public System {
            Validate.notNull(reason, "reason");
            reason.ifPresent(text -> Validate.notBlank(text, "reason", 190));
        }

        /**
         * @param reason why the system acts
         * @return the system acting for that reason
         */
        public static System because(String reason) {
            return new System(Optional.of(reason));
        }

        @Override
        public String who() {
            return TEXT;
        }

        @Override
        public String toString() {
            return reason.map(text -> TEXT + ":" + text).orElse(TEXT);
        }
    }
}
