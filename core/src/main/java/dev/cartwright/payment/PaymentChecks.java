package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.util.Currency;
import java.util.regex.Pattern;

/** Argument checks shared by the payment context's records. */
final class PaymentChecks {

    /** The longest token, key, reference or gateway id accepted. */
    static final int MAX_LENGTH = 255;

    /** Digits, possibly grouped by spaces or dashes, as a card number is printed. */
    private static final Pattern CARD_NUMBER_LIKE = Pattern.compile("[0-9][0-9 -]*[0-9]");

    private PaymentChecks() {
    }

    /** Refuses anything that could be a primary account number: Cartwright handles gateway tokens only. */
    static void token(String token) {
        Validate.notBlank(token, "paymentToken", MAX_LENGTH);
        if (CARD_NUMBER_LIKE.matcher(token).matches()) {
            long digits = token.chars().filter(Character::isDigit).count();
            if (digits >= 13 && digits <= 19) {
                // The value is deliberately left out of the message so that it never reaches a log.
                throw CommerceException.invalid("paymentToken",
                        "looks like a card number; pass the gateway's token instead");
            }
        }
    }

    static void text(String value, String field) {
        Validate.notBlank(value, field, MAX_LENGTH);
    }

    static void positive(Money amount, String field) {
        Validate.notNull(amount, field);
        if (!amount.isPositive()) {
            throw CommerceException.invalid(field, "must be greater than zero");
        }
    }

    static Money sameCurrency(Money amount, Currency currency, String field) {
        Validate.notNull(amount, field);
        if (!amount.currency().equals(currency)) {
            throw new CommerceException(ErrorCode.CURRENCY_MISMATCH, field,
                    field + " is in " + amount.currency().getCurrencyCode() + ", not "
                            + currency.getCurrencyCode(), null);
        }
        return amount;
    }
}
