package dev.cartwright.error;

import java.util.Collection;
import java.util.Objects;

/**
 * Argument checks that fail with a {@link ErrorCode#VALIDATION} {@link CommerceException} naming the
 * field. Every public operation runs its checks before it writes anything.
 *
 * <p>Every text a caller gives the core passes {@link #text(String, String)}, directly or through
 * {@link #maxLength(String, String, int)} and {@link #notBlank(String, String, int)}: it must not hold U+0000 or
 * an unpaired UTF-16 surrogate, which no store keeps alike (PostgreSQL refuses U+0000 and writes a lone surrogate
 * as {@code ?}; H2 keeps both). Any other character, control characters included, is stored exactly.
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
     * @throws CommerceException if it is {@code null}, blank, longer than {@code maxLength} or not
     *     {@linkplain #text(String, String) storable text}
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
     * @throws CommerceException if it is {@code null}, longer than {@code maxLength} or not
     *     {@linkplain #text(String, String) storable text}
     */
    public static String maxLength(String value, String field, int maxLength) {
        notNull(value, field);
        if (value.length() > maxLength) {
            throw CommerceException.invalid(field, "must be at most " + maxLength + " characters");
        }
        return text(value, field);
    }

    /**
     * Checks that a text can be stored and read back exactly on every store. The message never quotes the value.
     *
     * @param value the argument, possibly empty
     * @param field its name
     * @return the value, unchanged
     * @throws CommerceException if it is {@code null}, holds the NUL character (U+0000) or a UTF-16 surrogate that
     *     is not half of a pair (a high surrogate followed by a low one)
     */
    public static String text(String value, String field) {
        notNull(value, field);
        int bad = firstUnstorable(value);
        if (bad >= 0 && value.charAt(bad) == '\u0000') {
            throw CommerceException.invalid(field, "must not contain the NUL character (U+0000)");
        }
        if (bad >= 0) {
            throw CommerceException.invalid(field, "must not contain an unpaired UTF-16 surrogate (at index " + bad + ")");
        }
        return value;
    }

    /** @return the text with U+0000 and every unpaired surrogate replaced by U+FFFD */
    static String storable(String text) {
        if (text == null || firstUnstorable(text) < 0) {
            return text;
        }
        StringBuilder replaced = new StringBuilder(text);
        for (int bad = firstUnstorable(replaced); bad >= 0; bad = firstUnstorable(replaced)) {
            replaced.setCharAt(bad, '\uFFFD');
        }
        return replaced.toString();
    }

    /** @return the index of the first U+0000 or unpaired surrogate, or -1 if there is none */
    private static int firstUnstorable(CharSequence text) {
        int length = text.length();
        for (int index = 0; index < length; index++) {
            char character = text.charAt(index);
            if (character == '\u0000') {
                return index;
            }
            if (Character.isHighSurrogate(character) && index + 1 < length
                    && Character.isLowSurrogate(text.charAt(index + 1))) {
                index++;
            } else if (Character.isSurrogate(character)) {
                return index;
            }
        }
        return -1;
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
