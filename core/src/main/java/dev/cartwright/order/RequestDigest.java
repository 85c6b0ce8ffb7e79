package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.payment.PaymentMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The fingerprint of an order request: a SHA-256 of its fields, each written with its length (or a mark for
 * absent), so that two different requests never write the same text, whatever characters their fields hold.
 * Not thread-safe; one per request.
 */
final class RequestDigest {

    private final StringBuilder text = new StringBuilder(256);

    /** @param kind what sort of request it is, so that different sorts never digest alike */
    RequestDigest(String kind) {
        text(kind);
    }

    RequestDigest text(String value) {
        if (value == null) {
            text.append('~');
        } else {
            text.append(value.length()).append(':').append(value);
        }
        return this;
    }

    RequestDigest text(Optional<String> value) {
        return text(value.orElse(null));
    }

    RequestDigest texts(Collection<String> values) {
        text.append('[').append(values.size()).append(']');
        values.forEach(this::text);
        return this;
    }

    RequestDigest flag(boolean value) {
        text.append(value ? 'T' : 'F');
        return this;
    }

    RequestDigest customer(Optional<CustomerId> customerId) {
        return text(customerId.map(id -> id.value().toString()).orElse(null));
    }

    /** @param quantities by SKU, in SKU order */
    RequestDigest quantities(Map<Sku, Long> quantities) {
        text.append('[').append(quantities.size()).append(']');
        quantities.forEach((sku, quantity) -> text(sku.value()).text.append(quantity).append(';'));
        return this;
    }

    RequestDigest address(Address address) {
        return text(address.name()).text(address.line1()).text(address.line2()).text(address.city())
                .text(address.postalCode()).text(address.country()).text(address.region());
    }

    RequestDigest payment(PaymentMethod method) {
        return text(method.token()).text(method.brand()).text(method.last4());
    }

    /** @return the SHA-256 of what was written, in hexadecimal */
    String hex() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
