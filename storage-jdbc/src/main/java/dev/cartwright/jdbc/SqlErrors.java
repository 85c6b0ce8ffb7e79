package dev.cartwright.jdbc;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/** Turns database failures into {@link CommerceException}s. */
final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    /** MariaDB's duplicate key: its SQLState 23000 is shared by every integrity violation. */
    private static final int MARIADB_DUPLICATE_KEY = 1062;

    /** Unique constraints whose violation names an input field. */
    private static final Map<String, String> FIELDS = Map.of(
            "uq_products_sku", "sku",
            "uq_promotions_code", "code",
            "uq_carts_active_customer", "customerId",
            "uq_customers_email", "email",
            "uq_orders_idempotency_key", "idempotencyKey",
            "uq_payments_idempotency_key", "idempotencyKey");

    /** PostgreSQL's check violation; H2 reports 23513 for the same. */
    private static final String CHECK_VIOLATION = "23514";
    private static final String H2_CHECK_VIOLATION = "23513";
    /** MariaDB's failed CHECK constraint: its SQLState 23000 is shared by every integrity violation. */
    private static final int MARIADB_CHECK_FAILED = 4025;

    /**
     * CHECK constraints on the stock counts (V5), by the count each keeps in bounds, named as {@code StockLevel}
     * names it. Their violation is {@code INSUFFICIENT_STOCK}: every one means a move took units from a count
     * that did not hold them, which is what that code tells a caller, and retrying would fail the same way.
     */
    private static final Map<String, String> STOCK_CHECKS = Map.of(
            "ck_stock_on_hand_not_negative", "onHand",
            "ck_stock_sold_not_negative", "sold",
            "ck_stock_reserved_not_negative", "reserved",
            "ck_stock_reserved_within_on_hand", "reserved");

    private SqlErrors() {
    }

    /** Whether retrying the whole transaction may succeed: a serialization failure or a deadlock. */
    static boolean isTransient(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            return false;
        }
        String state = sql.getSQLState();
        // 90131: H2's concurrent update of a row under MVCC.
        return "40001".equals(state) || "40P01".equals(state) || "90131".equals(state) || sql.getErrorCode() == 90131;
    }

    static CommerceException translate(RuntimeException failure, Dialect dialect) {
        if (failure instanceof CommerceException) {
            return (CommerceException) failure;
        }
        SQLException sql = sqlCause(failure);
        if (sql != null && (UNIQUE_VIOLATION.equals(sql.getSQLState())
                || dialect == Dialect.MARIADB && sql.getErrorCode() == MARIADB_DUPLICATE_KEY)) {
            String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
            for (Map.Entry<String, String> entry : FIELDS.entrySet()) {
                if (message.contains(entry.getKey())) {
                    return new CommerceException(ErrorCode.CONFLICT, entry.getValue(),
                            entry.getValue() + " is already in use", failure);
                }
            }
            return new CommerceException(ErrorCode.CONFLICT, null, "a unique key is already in use", failure);
        }
        if (sql != null && (CHECK_VIOLATION.equals(sql.getSQLState()) || H2_CHECK_VIOLATION.equals(sql.getSQLState())
                || dialect == Dialect.MARIADB && sql.getErrorCode() == MARIADB_CHECK_FAILED)) {
            String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
            for (Map.Entry<String, String> entry : STOCK_CHECKS.entrySet()) {
                if (message.contains(entry.getKey())) {
                    return new CommerceException(ErrorCode.INSUFFICIENT_STOCK, entry.getValue(), "the stock's "
                            + entry.getValue() + " would leave its bounds (" + entry.getKey() + ")", failure);
                }
            }
        }
        return CommerceException.storage("the database failed: " + (sql != null ? sql.getMessage() : failure.getMessage()),
                failure);
    }

    static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return (SQLException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
