package dev.cartwright.jdbc;

import dev.cartwright.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

/** Conversions between column values and Java values. */
final class Rows {

    private Rows() {
    }

    /** Microseconds since the epoch; sub-microsecond precision is dropped. */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Long microsOrNull(Instant instant) {
        return instant == null ? null : micros(instant);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
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
