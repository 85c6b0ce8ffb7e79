package dev.cartwright.error;

import java.util.Collection;
import java.util.Objects;

/**
 * Argument checks that fail with a {@link ErrorCode#VALIDATION} {@link CommerceException} naming the
 * field. Every public operation runs its checks before it writes anything.
 */
public final class Validate {

    private Validate() {
    }

    /**
     * @param value the argument
     * @param field its name
     * @param <T> its type
     * @return the value, never {@code null}
     * @throws CommerceException if it is {@code null}
     */
    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw CommerceException.invalid(field, "is required");
        }
        return value;
    }

    /**
     * @param value the argument
     * @param field its name
     * @param maxLength the largest number of characters allowed
     * @return the value, unchanged (no trimming: strings are stored exactly as given)
     * @throws CommerceException if it is {@code null}, blank, longer than {@code maxLength} or holds U+0000
     */
    public static String notBlank(String value, String field, int maxLength) {
        notNull(value, field);
        if (value.isBlank()) {
            throw CommerceException.invalid(field, "must not be blank");
        }
        return maxLength(value, field, maxLength);
    }

    /**
     * @param value the argument, possibly empty
     * @param field its name
     * @param maxLength the largest number of characters allowed
     * @return the value, unchanged
     * @throws CommerceException if it is {@code null}, longer than {@code maxLength} or holds U+0000
     */
    public static String maxLength(String value, String field, int maxLength) {
        notNull(value, field);
        if (value.length() > maxLength) {
            throw CommerceException.invalid(field, "must be at most " + maxLength + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold U+0000; refusing it everywhere keeps every store alike.
            throw CommerceException.invalid(field, "must not contain the NUL character (U+0000)");
        }
        return value;
    }

    /**
     * @param value the argument
     * @param field its name
     * @return the value
     * @throws CommerceException if it is not greater than zero
     */
    public static long positive(long value, String field) {
        if (value <= 0) {
            throw CommerceException.invalid(field, "must be greater than zero");
        }
        return value;
    }

    /**
     * @param value the argument
     * @param field its name
     * @return the value
     * @throws CommerceException if it is below zero
     */
    public static long notNegative(long value, String field) {
        if (value < 0) {
            throw CommerceException.invalid(field, "must not be negative");
        }
        return value;
    }

    /**
     * @param value the argument
     * @param field its name
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return the value
     * @throws CommerceException if it is outside {@code [min, max]}
     */
    public static long between(long value, String field, long min, long max) {
        if (value < min || value > max) {
            throw CommerceException.invalid(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    /**
     * @param values the argument
     * @param field its name
     * @param <C> its type
     * @return the collection, checked to hold no {@code null}
     * @throws CommerceException if it or any element is {@code null}
     */
    public static <C extends Collection<?>> C noNulls(C values, String field) {
        notNull(values, field);
        if (values.stream().anyMatch(Objects::isNull)) {
            throw CommerceException.invalid(field, "must not contain null");
        }
        return values;
    }
}
