package dev.cartwright.order;

import dev.cartwright.error.Validate;
import java.time.Instant;

/**
 * One entry of an order's history: what changed, when and by whom. Immutable and thread-safe.
 *
 * @param from the state before, such as {@code "PENDING_PAYMENT"} or {@code "payment:PENDING"}
 * @param to the state after
 * @param at when
 * @param actor who did it, such as {@code "customer:<id>"}, {@code "staff:alice"} or {@code "system"}
 */
public record OrderTransition(String from, String to, Instant at, String actor) {

    /** Validates. */
    public OrderTransition {
        Validate.notBlank(from, "from", 64);
        Validate.notBlank(to, "to", 64);
        Validate.notNull(at, "at");
        Validate.notBlank(actor, "actor", 200);
    }
}
