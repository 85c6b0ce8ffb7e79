package dev.cartwright.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.money.Money;
import dev.cartwright.pricing.Destination;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.pricing.Totals;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the README's example, and fails when the README's copy of it drifts from the code run here. */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_SOURCE =
            Path.of("src", "test", "java", "dev", "cartwright", "memory", "ReadmeExampleTest.java");

    @Test
    void theExamplePricesTwoMugsWithGermanVat() {
        // README example start
        Commerce shop = Commerce.builder()
                .store(MemoryStore.create())
                .taxPolicy(TaxPolicy.builder().rate("DE", null, "standard", new BigDecimal("0.19")).build())
                .build();
        Product mug = shop.catalog().create(NewProduct.of("MUG-1", "Mug", Money.of("12.50", "EUR")));
        shop.inventory().receive(mug.sku(), 100);
        GuestCart cart = shop.carts().create(Currency.getInstance("EUR")); // cart.secret() is the guest's key to it
        shop.carts().add(cart.access(), cart.id(), mug.sku(), 2);
        Totals totals = shop.carts().price(cart.access(), cart.id(), Destination.country("DE"));
        System.out.println(totals.grandTotal()); // EUR 29.75: 25.00 plus 19% tax
        // README example end

        assertThat(totals.subtotal()).isEqualTo(Money.of("25.00", "EUR"));
        assertThat(totals.taxTotal()).isEqualTo(Money.of("4.75", "EUR"));
        assertThat(totals.grandTotal()).isEqualTo(Money.of("29.75", "EUR"));
        assertThat(shop.inventory().level(mug.sku()).available()).isEqualTo(100);
    }

    @Test
    void theReadmeShowsExactlyTheCodeThisTestRuns() throws IOException {
        List<String> readme = between(Files.readAllLines(README), "<!-- example:start -->", "<!-- example:end -->");
        List<String> tested = between(Files.readAllLines(THIS_SOURCE), "// README example start", "// README example end");

        assertThat(readme.get(0)).isEqualTo("```java");
        assertThat(readme.get(readme.size() - 1)).isEqualTo("```");
        List<String> example = readme.subList(1, readme.size() - 1);
        assertThat(example).hasSizeLessThanOrEqualTo(15);
        assertThat(dedent(example)).isEqualTo(dedent(tested));
    }

    /** The lines strictly between two marker lines. */
    private static List<String> between(List<String> lines, String startMarker, String endMarker) {
        int start = indexOf(lines, startMarker);
        int end = indexOf(lines, endMarker);
        return lines.subList(start + 1, end);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker not found: " + marker);
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).collect(Collectors.toList());
    }
}
