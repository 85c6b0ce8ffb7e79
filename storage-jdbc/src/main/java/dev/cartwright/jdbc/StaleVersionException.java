package dev.cartwright.jdbc;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;

/**
 * A guarded {@code UPDATE ... WHERE version = ?} found another version: another transaction committed a
 * change to the aggregate since this one read it. The store retries the whole transaction, which then
 * reads the new version, and gives up with a plain {@code CONFLICT} after its last attempt.
 */
final class StaleVersionException extends CommerceException {

    private static final long serialVersionUID = 1L;

    StaleVersionException(String message) {
        super(ErrorCode.CONFLICT, message);
    }
}
