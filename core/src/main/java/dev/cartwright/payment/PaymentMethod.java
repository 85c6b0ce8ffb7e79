package dev.cartwright.payment;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.regex.Pattern;

/**
 * How a payment is paid, as the gateway's token and what may be shown to the customer. A card
 * number or security code is never accepted: the shop's front end hands the card to the gateway,
 * which returns the token.
 *
 * @param token the gateway's token for the card, such as {@code "tok_visa"}; never a card number
 * @param brand the card brand for display, such as {@code "visa"}, stored exactly as given
 * @param last4 the last four digits of the card, for display
 */
public record PaymentMethod(String token, String brand, String last4) {

    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} naming {@code paymentToken} if the token is blank,
     *     too long or looks like a card number (13 to 19 digits), {@code brand} if blank or longer
     *     than 32 characters, {@code last4} unless exactly four digits
     */
    public PaymentMethod {
        PaymentChecks.token(token);
        Validate.notBlank(brand, "brand", 32);
        Validate.notNull(last4, "last4");
        if (!LAST4.matcher(last4).matches()) {
            throw CommerceException.invalid("last4", "must be exactly four digits");
        }
    }

    /**
     * @param token the gateway's token
     * @param brand the card brand
     * @param last4 the last four digits
     * @return the payment method
     */
    public static PaymentMethod of(String token, String brand, String last4) {
        return new PaymentMethod(token, brand, last4);
    }
}
