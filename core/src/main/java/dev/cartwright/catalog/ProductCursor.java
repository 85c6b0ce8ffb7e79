package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/** Encodes the last product id of a page as an opaque, URL-safe cursor. */
final class ProductCursor {

    private static final int ENCODED_LENGTH = 22;

    private ProductCursor() {
    }

    static String encode(ProductId last) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(last.value().getMostSignificantBits()).putLong(last.value().getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    static ProductId decode(String cursor) {
        if (cursor == null || cursor.length() != ENCODED_LENGTH) {
            throw malformed();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (bytes.length != 16) {
            throw malformed();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new ProductId(new UUID(buffer.getLong(), buffer.getLong()));
    }

    private static CommerceException malformed() {
        return CommerceException.invalid("cursor", "is not a cursor from a previous page");
    }
}
