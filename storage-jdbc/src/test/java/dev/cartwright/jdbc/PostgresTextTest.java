package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What PostgreSQL does with strings that its text type cannot hold, and with those it can. */
class PostgresTextTest {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    private static final Money PRICE = Money.of("12.50", "EUR");

    private Commerce commerce;

    @BeforeEach
    void setUp() {
        commerce = Commerce.builder().store(DATABASE.freshStore()).build();
    }

    @Test
    void aNulCharacterIsRejectedAsInvalidNamingTheFieldAndNothingIsStored() {
        assertFails(() -> commerce.catalog().create(NewProduct.of("NUL-1", "nul\u0000inside", PRICE)),
                ErrorCode.VALIDATION, "name");
        assertFails(() -> commerce.catalog().create(NewProduct.of("NUL-2", "ok", PRICE).withDescription("\u0000")),
                ErrorCode.VALIDATION, "description");
        assertFails(() -> commerce.catalog().create(NewProduct.of("NUL-3", "ok", PRICE)
                .withAttributes(Map.of("k", "v\u0000"))), ErrorCode.VALIDATION, "attributes");

        assertThat(commerce.catalog().list(ProductQuery.all().includingArchived()).items()).isEmpty();
    }

    private static void assertFails(Runnable call, ErrorCode code, String field) {
        CommerceException failure = catchThrowableOfType(CommerceException.class, call::run);
        assertThat(failure).as("expected %s on %s", code, field).isNotNull();
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.field()).isEqualTo(Optional.of(field));
    }

    @Test
    void everyOtherHostileStringRoundTripsExactly() {
        String text = "\u0001\u0007\b\u001B[31mred\u007F '; DROP TABLE products; -- \uD83D\uDE00 back\\slash %_ \r\n\t";
        Product created = commerce.catalog().create(NewProduct.of("HOSTILE-1", text, PRICE).withDescription(text + text)
                .withCategories(Set.of("kitchen")).withAttributes(Map.of(text, text)));

        Product read = commerce.catalog().get(created.id());
        assertThat(read).isEqualTo(created);
        assertThat(read.name()).isEqualTo(text);
        assertThat(commerce.catalog().list(ProductQuery.all().containing("%_")).items()).containsExactly(created);
    }
}
