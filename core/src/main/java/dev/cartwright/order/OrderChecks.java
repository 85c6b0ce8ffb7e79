package dev.cartwright.order;

import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Checks and digests that the order requests share. */
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

    /** A SHA-256 of the parts' text forms: records print every field, so equal requests digest equally. */
    static String digest(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part).append('\u0000');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
