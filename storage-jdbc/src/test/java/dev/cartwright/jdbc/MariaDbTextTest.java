package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.money.Money;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile strings that MariaDB text (utf8mb4, binary no-pad collation) holds exactly (U+0000 is refused by core in every store alike). */
class MariaDbTextTest {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    private static final Money PRICE = Money.of("12.50", "EUR");

    private Commerce commerce;

    @BeforeEach
    void setUp() {
        commerce = Commerce.builder().store(DATABASE.freshStore()).build();
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
