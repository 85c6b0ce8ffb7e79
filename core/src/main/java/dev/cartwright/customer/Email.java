package dev.cartwright.customer;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.Locale;

/**
 * A customer's e-mail address, the name they log in with; unique in a store.
 *
 * <p>Normalised on construction so that one mailbox has one spelling: surrounding whitespace is
 * stripped and the whole address is lower-cased with {@link Locale#ROOT}. Then it must hold exactly
 * one {@code '@'} with a non-empty part on each side, no whitespace, control or invisible formatting
 * characters, no unpaired UTF-16 surrogate ({@code U+FFFD} and other symbols are accepted), and at most {@value #MAX_LENGTH} characters. Deliberately no stricter than that: real
 * addresses are more varied than any regular expression, and delivery is the real test.
 *
 * @param value the normalised address
 */
public record Email(String value) {

    /** The longest address accepted, in UTF-16 characters (the SMTP path limit). */
    public static final int MAX_LENGTH = 254;

    /**
     * Normalises and validates.
     *
     * @throws CommerceException {@code VALIDATION} on field {@code "email"} if it is not an address
     */
    public Email {
        Validate.text(value, "email");
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            throw CommerceException.invalid("email", "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw CommerceException.invalid("email", "must be at most " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(Email::isForbidden)) {
            throw CommerceException.invalid("email", "must not contain whitespace or control characters");
        }
        int at = value.indexOf('@');
        if (at < 0 || at != value.lastIndexOf('@')) {
            throw CommerceException.invalid("email", "must contain exactly one '@'");
        }
        if (at == 0 || at == value.length() - 1) {
            throw CommerceException.invalid("email", "must have a local part and a domain around the '@'");
        }
    }

    /**
     * @param value the address as the customer typed it
     * @return the normalised address
     * @throws CommerceException {@code VALIDATION} on field {@code "email"} if it is not an address
     */
    public static Email of(String value) {
        return new Email(value);
    }

    private static boolean isForbidden(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint)
                || Character.getType(codePoint) == Character.FORMAT;
    }

    @Override
    public String toString() {
        return value;
    }
}
