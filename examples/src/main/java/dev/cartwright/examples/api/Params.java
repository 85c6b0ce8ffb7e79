package dev.cartwright.examples.api;

import dev.cartwright.error.CommerceException;
import dev.cartwright.money.Money;
import java.math.BigDecimal;
import java.util.Optional;

/** Reads path, query and header parameters, failing with {@code VALIDATION} naming the parameter. */
final class Params {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private Params() {
    }

    static Optional<String> query(Exchange ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static Optional<Integer> intQuery(Exchange ctx, String name) {
        return query(ctx, name).map(text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw CommerceException.invalid(name, "must be a whole number");
            }
        });
    }

    static String idempotencyKey(Exchange ctx) {
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            throw CommerceException.invalid(IDEMPOTENCY_KEY, "header is required: a unique key per attempt, "
                    + "repeated on retries");
        }
        return key;
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw CommerceException.invalid(field, "is required");
        }
        return value;
    }

    static Money money(BigDecimal amount, String field) {
        return Money.of(required(amount, field), DemoShop.CURRENCY);
    }
}
