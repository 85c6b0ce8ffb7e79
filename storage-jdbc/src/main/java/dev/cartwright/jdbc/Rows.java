package dev.cartwright.jdbc;

import dev.cartwright.error.CommerceException;
import dev.cartwright.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/** Conversions between column values and Java values. */
final class Rows {

    private Rows() {
    }

    /**
     * Nanoseconds since the epoch, which keeps every instant exactly from 1677 to 2262.
     *
     * @throws CommerceException {@code VALIDATION} (field {@code instant}) for an instant outside that range
     */
    static long nanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw CommerceException.invalid("instant", "must be between the years 1677 and 2262 to be stored: " + instant);
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getLong(column));
    }

    static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : instant(value);
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Binds a UUID that may be null: PostgreSQL needs an untyped null to infer {@code uuid}. */
    static void bindUuid(SqlStatement<?> statement, String name, UUID value) {
        if (value == null) {
            statement.bindNull(name, Types.OTHER);
        } else {
            statement.bind(name, value);
        }
    }

    /** A text value for {@link Pipeline}: the string, or a typed SQL NULL. */
    static Object text(String value) {
        return value == null ? Pipeline.Null.TEXT : value;
    }

    /** A UUID value for {@link Pipeline}: the UUID, or a typed SQL NULL. */
    static Object uuid(UUID value) {
        return value == null ? Pipeline.Null.UUID : value;
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Money money(ResultSet rs, String minorColumn, String currencyColumn) throws SQLException {
        return Money.ofMinor(rs.getLong(minorColumn), Currency.getInstance(rs.getString(currencyColumn).trim()));
    }

    static Money moneyOrNull(ResultSet rs, String minorColumn, String currencyColumn) throws SQLException {
        String currency = rs.getString(currencyColumn);
        return currency == null ? null : Money.ofMinor(rs.getLong(minorColumn), Currency.getInstance(currency.trim()));
    }
}
