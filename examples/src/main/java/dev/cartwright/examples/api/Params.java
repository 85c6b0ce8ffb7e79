package dev.cartwright.examples.api;

import dev.cartwright.error.CommerceException;
import dev.cartwright.money.Money;
import dev.cartwright.cart.CartAccess;
import java.math.BigDecimal;
import java.util.Map;
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

    /** The longest {@code Idempotency-Key} accepted; the scope put before it keeps the core's key within 200. */
    static final int MAX_IDEMPOTENCY_KEY = 128;

    /**
     * @return the request's {@code Idempotency-Key}, put in the scope given: keys are the caller's, as a payment
     *     provider's are its account's, so one caller's key never meets another's
     * @throws CommerceException {@code VALIDATION} on the header if it is missing, blank or too long
     */
    static String idempotencyKey(Exchange ctx, String scope) {
        return optionalIdempotencyKey(ctx, scope).orElseThrow(() -> CommerceException.invalid(IDEMPOTENCY_KEY,
                "header is required: a unique key per attempt, repeated on retries"));
    }

    /** @return the request's {@code Idempotency-Key} in the scope given, if it has one (see {@link #idempotencyKey}) */
    static Optional<String> optionalIdempotencyKey(Exchange ctx, String scope) {
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (key.length() > MAX_IDEMPOTENCY_KEY) {
            throw CommerceException.invalid(IDEMPOTENCY_KEY, "must be at most " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return Optional.of(scope + ":" + key);
    }

    /** The longest {@code Idempotency-Key} of a staff operation, which is the core's operation key. */
    static final int MAX_OPERATION_KEY = 100;

    /**
     * @return the request's {@code Idempotency-Key} as the operation key of a staff operation on an order's payment,
     *     if it has one; it needs no scope, as the core scopes operation keys by payment
     * @throws CommerceException {@code VALIDATION} on the header if it is too long
     */
    static Optional<String> operationKey(Exchange ctx) {
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (key.length() > MAX_OPERATION_KEY) {
            throw CommerceException.invalid(IDEMPOTENCY_KEY, "must be at most " + MAX_OPERATION_KEY + " characters");
        }
        return Optional.of(key);
    }

    /**
     * @return the scope of a shopper's idempotency keys: the customer, or a guest's cart (a guest has nothing else)
     */
    static String scope(CartAccess access, String guestCart) {
        return access instanceof CartAccess.Customer customer ? "customer:" + customer.customerId() : "cart:" + guestCart;
    }

    /**
     * @return a quantity of an item: a whole number of at least 1 (Jackson has refused fractions already)
     * @throws CommerceException {@code VALIDATION} naming the field otherwise
     */
    static long quantity(Long value, String field) {
        long quantity = required(value, field);
        if (quantity < 1) {
            throw CommerceException.invalid(field, "must be a whole number of at least 1");
        }
        return quantity;
    }

    /**
     * Adds a line's quantity to what the lines before it asked of the same SKU, each line checked on its own first.
     *
     * @throws CommerceException {@code VALIDATION} naming the field if the quantity is not at least 1 or the sum
     *     overflows
     */
    static <K> void addQuantity(Map<K, Long> quantities, K key, Long value, String field) {
        long quantity = quantity(value, field);
        try {
            quantities.merge(key, quantity, Math::addExact);
        } catch (ArithmeticException e) {
            throw CommerceException.invalid(field, "makes the total quantity of the product too large");
        }
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

    /**
     * @return the amount, which must be more than zero (an amount of money to move; its direction is the route's)
     * @throws CommerceException {@code VALIDATION} naming the field otherwise
     */
    static BigDecimal positiveAmount(BigDecimal amount, String field) {
        if (required(amount, field).signum() <= 0) {
            throw CommerceException.invalid(field, "must be more than zero");
        }
        return amount;
    }
}
