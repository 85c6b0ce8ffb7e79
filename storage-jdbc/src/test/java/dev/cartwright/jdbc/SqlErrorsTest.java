package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    private static RuntimeException failure(String message, String state) {
        return new IllegalStateException("wrapped", new SQLException(message, state));
    }

    @Test
    void serializationFailuresAndDeadlocksAreTransientAndNothingElseIs() {
        assertThat(SqlErrors.isTransient(failure("could not serialize", "40001"))).isTrue();
        assertThat(SqlErrors.isTransient(failure("deadlock detected", "40P01"))).isTrue();
        assertThat(SqlErrors.isTransient(failure("duplicate key", "23505"))).isFalse();
        assertThat(SqlErrors.isTransient(new IllegalStateException("no SQL inside"))).isFalse();
    }

    @Test
    void uniqueViolationsBecomeConflictsNamingTheField() {
        CommerceException sku = SqlErrors.translate(failure(
                "duplicate key value violates unique constraint \"uq_products_sku\"", "23505"), Dialect.POSTGRESQL);
        CommerceException code = SqlErrors.translate(failure(
                "Unique index or primary key violation: \"PUBLIC.UQ_PROMOTIONS_CODE_INDEX_A\"", "23505"), Dialect.H2);
        CommerceException id = SqlErrors.translate(failure(
                "duplicate key value violates unique constraint \"pk_products\"", "23505"), Dialect.POSTGRESQL);

        assertThat(sku.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(sku.field()).contains("sku");
        assertThat(code.field()).contains("code");
        assertThat(id.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(id.field()).isEqualTo(Optional.empty());
    }

    @Test
    void stockCheckViolationsAreInsufficientStockNamingTheCountOnEveryDatabase() {
        RuntimeException postgres = failure("new row for relation \"stock\" violates check constraint"
                + " \"ck_stock_on_hand_not_negative\"", "23514");
        RuntimeException h2 = failure("Check constraint violation: \"CK_STOCK_RESERVED_WITHIN_ON_HAND:"
                + " (RESERVED <= ON_HAND)\"", "23513");
        RuntimeException mariaDb = new IllegalStateException("wrapped", new SQLException(
                "CONSTRAINT `ck_stock_sold_not_negative` failed for `test`.`stock`", "23000", 4025));

        CommerceException onHand = SqlErrors.translate(postgres, Dialect.POSTGRESQL);
        CommerceException reserved = SqlErrors.translate(h2, Dialect.H2);
        CommerceException sold = SqlErrors.translate(mariaDb, Dialect.MARIADB);

        assertThat(onHand.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
        assertThat(onHand.field()).contains("onHand");
        assertThat(reserved.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
        assertThat(reserved.field()).contains("reserved");
        assertThat(sold.code()).isEqualTo(ErrorCode.INSUFFICIENT_STOCK);
        assertThat(sold.field()).contains("sold");
        assertThat(sold.getCause()).isSameAs(mariaDb);
        assertThat(SqlErrors.translate(failure("violates check constraint \"ck_other\"", "23514"), Dialect.POSTGRESQL)
                .code()).isEqualTo(ErrorCode.STORAGE);
    }

    @Test
    void otherFailuresAreStorageWithTheirCauseOnEitherDatabase() {
        RuntimeException invalid = failure("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");

        for (Dialect dialect : Dialect.values()) {
            CommerceException storage = SqlErrors.translate(invalid, dialect);
            assertThat(storage.code()).isEqualTo(ErrorCode.STORAGE);
            assertThat(storage.getCause()).isSameAs(invalid);
        }
    }
}
