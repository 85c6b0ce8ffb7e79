package dev.cartwright.order;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.Optional;

/** Checks that the order requests share. */
final class OrderChecks {

    private OrderChecks() {
    }

    static void buyer(Optional<CustomerId> customerId, Optional<String> email) {
        Validate.notNull(customerId, "customerId");
        Validate.notNull(email, "email");
        if (customerId.isEmpty() && email.isEmpty()) {
            throw CommerceException.invalid("email", "is required for a guest");
        }
        email.ifPresent(address -> {
            Validate.notBlank(address, "email", 254);
            int at = address.indexOf('@');
            if (at <= 0 || at == address.length() - 1) {
                throw CommerceException.invalid("email", "must be an e-mail address");
            }
        });
    }
}
