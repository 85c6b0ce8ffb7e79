package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Catalog;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Page;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductOffer;
import dev.cartwright.catalog.ProductChanges;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.catalog.ProductStatus;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.money.Money;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The behaviour of {@link Catalog} and its {@code ProductRepository}, on any store. */
public abstract class CatalogContract extends StoreContract {

    /** The price of products whose price does not matter. */
    protected static final Money PRICE = Money.of("12.50", "EUR");

    /** @return the catalog under test */
    protected Catalog catalog() {
        return commerce.catalog();
    }

    /** Creates a product, moving the clock on so that ids (time-ordered) follow creation order. */
    protected Product create(NewProduct product) {
        clock.advance(Duration.ofMillis(1));
        return catalog().create(product);
    }

    /** Creates a product with a name derived from its SKU, moving the clock on like {@link #create(NewProduct)}. */
    protected Product create(String sku) {
        return create(NewProduct.of(sku, "Product " + sku, PRICE));
    }

    /** Asserts that {@code action} throws a {@link CommerceException} with this code and field ({@code null}: none). */
    protected static void assertFails(Runnable action, ErrorCode code, String field) {
        CommerceException failure = catchThrowableOfType(CommerceException.class, action::run);
        assertThat(failure).as("expected %s on %s", code, field).isNotNull();
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.field()).isEqualTo(Optional.ofNullable(field));
    }

    /** Asserts that {@code action} fails with {@code VALIDATION} naming {@code field}. */
    protected static void assertInvalid(Supplier<?> action, String field) {
        assertFails(action::get, ErrorCode.VALIDATION, field);
    }

    /** Follows {@code query}'s cursors to the last page and returns every product seen, in order. */
    protected List<Product> walk(ProductQuery query) {
        List<Product> all = new ArrayList<>();
        Page<Product> page = catalog().list(query);
        all.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            // A cursor that does not advance would loop forever: fail instead.
            assertThat(all).as("pages so far").hasSizeLessThan(100_000);
            page = catalog().list(query.withCursor(page.nextCursor().get()));
            assertThat(page.items()).as("a page with a next cursor is never empty").isNotEmpty();
            all.addAll(page.items());
        }
        return all;
    }

    // ---- create ----

    @Test
    void createsAnActiveProductAtVersionZeroWithDefaults() {
        Product mug = catalog().create(NewProduct.of("MUG-1", "Mug", PRICE));

        assertThat(mug.sku()).isEqualTo(Sku.of("MUG-1"));
        assertThat(mug.name()).isEqualTo("Mug");
        assertThat(mug.description()).isEmpty();
        assertThat(mug.price()).isEqualTo(PRICE);
        assertThat(mug.taxClass()).isEqualTo("standard");
        assertThat(mug.categories()).isEmpty();
        assertThat(mug.attributes()).isEmpty();
        assertThat(mug.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(mug.version()).isZero();
        assertThat(mug.createdAt()).isEqualTo(START);
        assertThat(mug.updatedAt()).isEqualTo(START);
        assertThat(catalog().get(mug.id())).isEqualTo(mug);
        assertThat(catalog().findBySku(Sku.of("MUG-1"))).contains(mug);
    }

    @Test
    void createKeepsEveryGivenField() {
        NewProduct shirt = NewProduct.of("SHIRT-M", "Shirt", Money.of("20.00", "USD"))
                .withDescription("Cotton")
                .withTaxClass("reduced_7")
                .withCategories(Set.of("clothing", "summer-2026"))
                .withAttributes(Map.of("size", "M", "color", "blue"));

        Product created = catalog().create(shirt);

        assertThat(catalog().get(created.id())).isEqualTo(created);
        assertThat(created.description()).isEqualTo("Cotton");
        assertThat(created.taxClass()).isEqualTo("reduced_7");
        assertThat(created.categories()).containsExactlyInAnyOrder("clothing", "summer-2026");
        assertThat(created.attributes()).isEqualTo(Map.of("size", "M", "color", "blue"));
        assertThat(created.price()).isEqualTo(Money.of("20.00", "USD"));
    }

    @Test
    void offersCarryWhatSellingNeedsForEveryStoredSkuArchivedOrNot() {
        Product shirt = catalog().create(NewProduct.of("SHIRT-M", "Shirt", Money.of("20.00", "USD"))
                .withTaxClass("reduced_7").withCategories(Set.of("clothing")).withAttributes(Map.of("size", "M")));
        Product mug = catalog().archive(catalog().create(NewProduct.of("MUG-1", "Mug", PRICE)).id());

        Map<Sku, ProductOffer> offers = store.read(transaction -> transaction.products().findOffers(
                List.of(shirt.sku(), mug.sku(), Sku.of("NO-SUCH-SKU"))));

        assertThat(offers).containsOnlyKeys(shirt.sku(), mug.sku());
        assertThat(offers.get(shirt.sku())).isEqualTo(new ProductOffer(shirt.id(), shirt.sku(), "Shirt",
                Money.of("20.00", "USD"), "reduced_7", true));
        assertThat(offers.get(mug.sku())).isEqualTo(ProductOffer.of(mug));
        assertThat(offers.get(mug.sku()).active()).isFalse();
    }

    @Test
    void duplicateSkuIsAConflictOnSkuAndChangesNothing() {
        Product original = create("MUG-1");

        assertFails(() -> catalog().create(NewProduct.of("MUG-1", "Other", PRICE)), ErrorCode.CONFLICT, "sku");

        assertThat(catalog().findBySku(Sku.of("MUG-1"))).contains(original);
        assertThat(walk(ProductQuery.all().includingArchived())).containsExactly(original);
    }

    @Test
    void skusAreCaseSensitive() {
        Product upper = create("MUG-1");
        Product lower = create("mug-1");

        assertThat(catalog().findBySku(Sku.of("MUG-1"))).contains(upper);
        assertThat(catalog().findBySku(Sku.of("mug-1"))).contains(lower);
    }

    @Test
    void createRejectsNull() {
        assertInvalid(() -> catalog().create(null), "product");
    }

    @Test
    void newProductValidatesEveryField() {
        assertInvalid(() -> NewProduct.of("bad sku", "Mug", PRICE), "sku");
        assertInvalid(() -> NewProduct.of("", "Mug", PRICE), "sku");
        assertInvalid(() -> NewProduct.of("A".repeat(65), "Mug", PRICE), "sku");
        assertInvalid(() -> NewProduct.of(null, "Mug", PRICE), "sku");
        assertInvalid(() -> NewProduct.of("MUG", null, PRICE), "name");
        assertInvalid(() -> NewProduct.of("MUG", "", PRICE), "name");
        assertInvalid(() -> NewProduct.of("MUG", " \t\n", PRICE), "name");
        assertInvalid(() -> NewProduct.of("MUG", "x".repeat(1001), PRICE), "name");
        assertInvalid(() -> NewProduct.of("MUG", "Mug", null), "price");
        assertInvalid(() -> NewProduct.of("MUG", "Mug", Money.of("-0.01", "EUR")), "price");
        NewProduct mug = NewProduct.of("MUG", "Mug", PRICE);
        assertInvalid(() -> mug.withDescription(null), "description");
        assertInvalid(() -> mug.withDescription("d".repeat(20_001)), "description");
        assertInvalid(() -> mug.withTaxClass(null), "taxClass");
        assertInvalid(() -> mug.withTaxClass(""), "taxClass");
        assertInvalid(() -> mug.withTaxClass("Standard"), "taxClass");
        assertInvalid(() -> mug.withTaxClass("t".repeat(33)), "taxClass");
        assertInvalid(() -> mug.withCategories(null), "categories");
        assertInvalid(() -> mug.withCategories(Set.of("Kitchen")), "categories");
        assertInvalid(() -> mug.withCategories(Set.of("-kitchen")), "categories");
        assertInvalid(() -> mug.withCategories(Set.of("")), "categories");
        assertInvalid(() -> mug.withCategories(Set.of("k".repeat(65))), "categories");
        assertInvalid(() -> mug.withCategories(new HashSet<>(java.util.Arrays.asList("ok", null))), "categories");
        assertInvalid(() -> mug.withCategories(slugs(21)), "categories");
        assertInvalid(() -> mug.withAttributes(null), "attributes");
        assertInvalid(() -> mug.withAttributes(Map.of("", "v")), "attributes");
        assertInvalid(() -> mug.withAttributes(Map.of("k".repeat(65), "v")), "attributes");
        assertInvalid(() -> mug.withAttributes(Map.of("k", "v".repeat(1001))), "attributes");
        assertInvalid(() -> mug.withAttributes(attributes(51)), "attributes");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertInvalid(() -> mug.withAttributes(nullValue), "attributes");
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "v");
        assertInvalid(() -> mug.withAttributes(nullKey), "attributes");
    }

    @Test
    void limitsAreInclusive() {
        NewProduct largest = NewProduct.of("S".repeat(64), "n".repeat(1000), Money.of("0", "EUR"))
                .withDescription("d".repeat(20_000))
                .withTaxClass("t".repeat(32))
                .withCategories(slugs(20))
                .withAttributes(Map.of("k".repeat(64), "v".repeat(1000)));
        Product created = catalog().create(largest.withAttributes(attributes(50)));

        assertThat(catalog().get(created.id())).isEqualTo(created);
        assertThat(created.name()).hasSize(1000);
        assertThat(created.description()).hasSize(20_000);
        assertThat(created.categories()).hasSize(20);
        assertThat(created.attributes()).hasSize(50);
        Product longKey = catalog().create(NewProduct.of("LONG-KEY", "x", PRICE)
                .withAttributes(Map.of("k".repeat(64), "v".repeat(1000))));
        assertThat(catalog().get(longKey.id()).attributes()).isEqualTo(Map.of("k".repeat(64), "v".repeat(1000)));
    }

    @Test
    void hostileStringsRoundTripExactly() {
        String longName = "\uD83D\uDE00".repeat(400) + "x".repeat(200);
        List<String> hostile = List.of(
                "'; DROP TABLE products; --",
                "Robert\"); DELETE FROM products WHERE ('1'='1",
                "\u0001\u0007\b\u001B[31mred\u007F",
                "  leading and trailing spaces  ",
                "emoji \uD83D\uDE00\uD83C\uDF89 and \uD834\uDD1E 4-byte",
                "<script>alert('x')</script>",
                "back\\slash %_ like wildcards",
                "line\nbreak\r\nand\ttab",
                "x".repeat(1000),
                longName);
        List<Product> stored = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) {
            String text = hostile.get(i);
            stored.add(create(NewProduct.of("HOSTILE-" + i, text, PRICE)
                    .withDescription(text + text)
                    .withAttributes(Map.of(text.substring(0, Math.min(64, text.length())), text))));
        }

        for (int i = 0; i < hostile.size(); i++) {
            String text = hostile.get(i);
            Product product = catalog().get(stored.get(i).id());
            assertThat(product.name()).isEqualTo(text);
            assertThat(product.description()).isEqualTo(text + text);
            assertThat(product.attributes()).containsEntry(text.substring(0, Math.min(64, text.length())), text);
            assertThat(catalog().findBySku(product.sku())).contains(product);
        }
        assertThat(walk(ProductQuery.all())).containsExactlyElementsOf(stored);
        assertThat(walk(ProductQuery.all().containing("DROP TABLE"))).containsExactly(stored.get(0));
        assertThat(walk(ProductQuery.all().containing("%_"))).containsExactly(stored.get(6));
    }

    /** PostgreSQL text cannot hold U+0000, so every store refuses it alike, naming the field. */
    @Test
    void theNulCharacterIsRefusedWithTheFieldNamedAndNothingStored() {
        String nul = "nul\u0000inside";
        assertFails(() -> create(NewProduct.of("NUL-1", nul, PRICE)), ErrorCode.VALIDATION, "name");
        assertFails(() -> create(NewProduct.of("NUL-2", "ok", PRICE).withDescription(nul)), ErrorCode.VALIDATION,
                "description");
        assertFails(() -> create(NewProduct.of("NUL-3", "ok", PRICE).withAttributes(Map.of("key", nul))),
                ErrorCode.VALIDATION, "attributes");
        assertThat(catalog().list(ProductQuery.all()).items()).isEmpty();
    }

    // ---- update ----

    @Test
    void updateChangesOnlyTheGivenFieldsAndBumpsVersion() {
        Product original = create(NewProduct.of("MUG-1", "Mug", PRICE)
                .withDescription("White").withCategories(Set.of("kitchen")).withAttributes(Map.of("color", "white")));
        clock.advance(Duration.ofMinutes(5));

        Product renamed = catalog().update(original.id(), ProductChanges.none().withName("Big mug"));

        assertThat(renamed.name()).isEqualTo("Big mug");
        assertThat(renamed.version()).isEqualTo(1);
        assertThat(renamed.updatedAt()).isEqualTo(clock.instant());
        assertThat(renamed.createdAt()).isEqualTo(original.createdAt());
        assertThat(renamed).usingRecursiveComparison().ignoringFields("name", "version", "updatedAt").isEqualTo(original);
        assertThat(catalog().get(original.id())).isEqualTo(renamed);

        Product changed = catalog().update(original.id(), ProductChanges.none()
                .withDescription("")
                .withPrice(Money.of("14.00", "EUR"))
                .withTaxClass("reduced")
                .withCategories(Set.of("gifts", "kitchen"))
                .withAttributes(Map.of()));

        assertThat(changed.name()).isEqualTo("Big mug");
        assertThat(changed.description()).isEmpty();
        assertThat(changed.price()).isEqualTo(Money.of("14.00", "EUR"));
        assertThat(changed.taxClass()).isEqualTo("reduced");
        assertThat(changed.categories()).containsExactlyInAnyOrder("gifts", "kitchen");
        assertThat(changed.attributes()).isEmpty();
        assertThat(changed.version()).isEqualTo(2);
        assertThat(catalog().get(original.id())).isEqualTo(changed);
    }

    @Test
    void updateWithNoChangesReturnsTheProductAsItIs() {
        Product original = create("MUG-1");
        clock.advance(Duration.ofMinutes(1));

        assertThat(catalog().update(original.id(), ProductChanges.none())).isEqualTo(original);
        assertThat(catalog().get(original.id())).isEqualTo(original);
    }

    @Test
    void updateOfAMissingProductIsNotFound() {
        assertFails(() -> catalog().update(new ProductId(UUID.randomUUID()), ProductChanges.none().withName("x")),
                ErrorCode.NOT_FOUND, null);
    }

    @Test
    void updateRejectsNulls() {
        Product original = create("MUG-1");
        assertInvalid(() -> catalog().update(null, ProductChanges.none()), "productId");
        assertInvalid(() -> catalog().update(original.id(), null), "changes");
    }

    @Test
    void productChangesValidateEveryField() {
        ProductChanges none = ProductChanges.none();
        assertInvalid(() -> none.withName(""), "name");
        assertInvalid(() -> none.withName(" "), "name");
        assertInvalid(() -> none.withName(null), "name");
        assertInvalid(() -> none.withName("x".repeat(1001)), "name");
        assertInvalid(() -> none.withDescription("d".repeat(20_001)), "description");
        assertInvalid(() -> none.withDescription(null), "description");
        assertInvalid(() -> none.withPrice(Money.of("-1", "EUR")), "price");
        assertInvalid(() -> none.withPrice(null), "price");
        assertInvalid(() -> none.withTaxClass("no spaces"), "taxClass");
        assertInvalid(() -> none.withCategories(Set.of("UPPER")), "categories");
        assertInvalid(() -> none.withCategories(slugs(21)), "categories");
        assertInvalid(() -> none.withAttributes(attributes(51)), "attributes");
        assertInvalid(() -> none.withAttributes(Map.of("", "v")), "attributes");
        assertInvalid(() -> new ProductChanges(Optional.of(""), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), "name");
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.withName("x").isEmpty()).isFalse();
    }

    // ---- archive ----

    @Test
    void archiveHidesFromListingsAndIsIdempotent() {
        Product kept = create("KEPT");
        Product gone = create("GONE");
        clock.advance(Duration.ofHours(1));

        Product archived = catalog().archive(gone.id());
        clock.advance(Duration.ofHours(1));
        Product again = catalog().archive(gone.id());

        assertThat(archived.status()).isEqualTo(ProductStatus.ARCHIVED);
        assertThat(archived.isActive()).isFalse();
        assertThat(archived.version()).isEqualTo(1);
        assertThat(archived.updatedAt()).isEqualTo(START.plus(Duration.ofMillis(2)).plus(Duration.ofHours(1)));
        assertThat(again).isEqualTo(archived);
        assertThat(catalog().get(gone.id())).isEqualTo(archived);
        assertThat(catalog().findBySku(Sku.of("GONE"))).contains(archived);
        assertThat(walk(ProductQuery.all())).containsExactly(kept);
        assertThat(walk(ProductQuery.all().includingArchived())).containsExactly(kept, archived);
    }

    @Test
    void archivedSkuStaysTaken() {
        Product gone = create("GONE");
        catalog().archive(gone.id());

        assertFails(() -> catalog().create(NewProduct.of("GONE", "Again", PRICE)), ErrorCode.CONFLICT, "sku");
    }

    @Test
    void archivedProductsCanStillBeUpdated() {
        Product gone = catalog().archive(create("GONE").id());

        Product renamed = catalog().update(gone.id(), ProductChanges.none().withName("Old"));

        assertThat(renamed.status()).isEqualTo(ProductStatus.ARCHIVED);
        assertThat(renamed.version()).isEqualTo(2);
    }

    @Test
    void archiveOfAMissingProductIsNotFound() {
        assertFails(() -> catalog().archive(new ProductId(UUID.randomUUID())), ErrorCode.NOT_FOUND, null);
        assertInvalid(() -> catalog().archive(null), "productId");
    }

    // ---- get, find ----

    @Test
    void getOfAMissingProductIsNotFound() {
        assertFails(() -> catalog().get(new ProductId(UUID.randomUUID())), ErrorCode.NOT_FOUND, null);
        assertInvalid(() -> catalog().get(null), "productId");
    }

    @Test
    void findBySkuOfAMissingSkuIsEmpty() {
        create("MUG-1");
        assertThat(catalog().findBySku(Sku.of("MUG-2"))).isEmpty();
        assertInvalid(() -> catalog().findBySku(null), "sku");
    }

    // ---- list ----

    @Test
    void listOfAnEmptyCatalogIsOneEmptyPage() {
        Page<Product> page = catalog().list(ProductQuery.all());
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void listPagesInCreationOrderWithDefaultLimitOfTwenty() {
        List<Product> products = IntStream.range(0, 45).mapToObj(i -> create("P-" + i)).collect(Collectors.toList());

        Page<Product> first = catalog().list(ProductQuery.all());
        assertThat(first.items()).containsExactlyElementsOf(products.subList(0, 20));
        assertThat(first.nextCursor()).isPresent();
        Page<Product> second = catalog().list(ProductQuery.all().withCursor(first.nextCursor().get()));
        assertThat(second.items()).containsExactlyElementsOf(products.subList(20, 40));
        Page<Product> third = catalog().list(ProductQuery.all().withCursor(second.nextCursor().get()));
        assertThat(third.items()).containsExactlyElementsOf(products.subList(40, 45));
        assertThat(third.nextCursor()).isEmpty();
    }

    @Test
    void anExactlyFullLastPageHasNoNextCursor() {
        List<Product> products = IntStream.range(0, 10).mapToObj(i -> create("P-" + i)).collect(Collectors.toList());

        Page<Product> page = catalog().list(ProductQuery.all().withLimit(10));

        assertThat(page.items()).containsExactlyElementsOf(products);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void walkingEveryPageSeesEveryProductOnce() {
        List<Product> products = IntStream.range(0, 137).mapToObj(i -> create("P-" + i)).collect(Collectors.toList());

        for (int limit : new int[] {1, 7, 50, 100}) {
            assertThat(walk(ProductQuery.all().withLimit(limit))).as("limit %d", limit).containsExactlyElementsOf(products);
        }
    }

    @Test
    void walkingWhileProductsAreAddedMissesNoneAndRepeatsNone() {
        List<Product> before = IntStream.range(0, 30).mapToObj(i -> create("P-" + i)).collect(Collectors.toList());
        List<Product> addedDuringWalk = new ArrayList<>();
        List<Product> seen = new ArrayList<>();

        ProductQuery query = ProductQuery.all().withLimit(7);
        Page<Product> page = catalog().list(query);
        seen.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            addedDuringWalk.add(create("NEW-" + addedDuringWalk.size()));
            page = catalog().list(query.withCursor(page.nextCursor().get()));
            seen.addAll(page.items());
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(before);
        // Time-ordered ids sort after every existing one, so additions show up at the end of the walk.
        assertThat(seen).containsAll(addedDuringWalk);
        assertThat(seen.subList(0, 30)).containsExactlyElementsOf(before);
    }

    @Test
    void walkingWhileProductsAreArchivedSkipsNoOtherProduct() {
        List<Product> products = IntStream.range(0, 20).mapToObj(i -> create("P-" + i)).collect(Collectors.toList());
        List<Product> seen = new ArrayList<>();

        ProductQuery query = ProductQuery.all().withLimit(5);
        Page<Product> page = catalog().list(query);
        seen.addAll(page.items());
        // Archive the last product seen (the cursor's) and one not yet seen.
        catalog().archive(page.items().get(4).id());
        catalog().archive(products.get(12).id());
        while (page.nextCursor().isPresent()) {
            page = catalog().list(query.withCursor(page.nextCursor().get()));
            seen.addAll(page.items());
        }

        List<Product> expected = new ArrayList<>(products);
        expected.remove(12);
        assertThat(seen).extracting(Product::id).containsExactlyElementsOf(
                expected.stream().map(Product::id).collect(Collectors.toList()));
    }

    @Test
    void listFiltersByCategory() {
        Product mug = create(NewProduct.of("MUG", "Mug", PRICE).withCategories(Set.of("kitchen", "gifts")));
        create(NewProduct.of("SHIRT", "Shirt", PRICE).withCategories(Set.of("clothing")));
        Product pan = create(NewProduct.of("PAN", "Pan", PRICE).withCategories(Set.of("kitchen")));
        create(NewProduct.of("BARE", "Bare", PRICE));
        Product oldKettle = create(NewProduct.of("KETTLE", "Kettle", PRICE).withCategories(Set.of("kitchen")));
        catalog().archive(oldKettle.id());

        assertThat(walk(ProductQuery.all().inCategory("kitchen"))).containsExactly(mug, pan);
        assertThat(walk(ProductQuery.all().inCategory("gifts"))).containsExactly(mug);
        assertThat(walk(ProductQuery.all().inCategory("kitchen").includingArchived()))
                .extracting(Product::sku).containsExactly(Sku.of("MUG"), Sku.of("PAN"), Sku.of("KETTLE"));
        assertThat(walk(ProductQuery.all().inCategory("garden"))).isEmpty();
        // "kitchen" must not match a category that merely contains it.
        create(NewProduct.of("SINK", "Sink", PRICE).withCategories(Set.of("kitchen-sinks")));
        assertThat(walk(ProductQuery.all().inCategory("kitchen"))).containsExactly(mug, pan);
    }

    @Test
    void listFiltersByTextInNameOrDescriptionIgnoringCase() {
        Product mug = create(NewProduct.of("MUG", "Coffee Mug", PRICE));
        Product cup = create(NewProduct.of("CUP", "Cup", PRICE).withDescription("Goes with any COFFEE maker"));
        create(NewProduct.of("TEA", "Tea pot", PRICE).withDescription("For tea"));

        assertThat(walk(ProductQuery.all().containing("coffee"))).containsExactly(mug, cup);
        assertThat(walk(ProductQuery.all().containing("COFFEE MUG"))).containsExactly(mug);
        assertThat(walk(ProductQuery.all().containing("ffee m"))).containsExactly(mug, cup);
        assertThat(walk(ProductQuery.all().containing("latte"))).isEmpty();
        assertThat(walk(ProductQuery.all().containing("%"))).isEmpty();
        assertThat(walk(ProductQuery.all().containing("_"))).isEmpty();
    }

    @Test
    void filtersCombineAndPageTogether() {
        List<Product> matching = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean kitchen = i % 2 == 0;
            boolean red = i % 3 == 0;
            Product product = create(NewProduct.of("P-" + i, (red ? "Red " : "Blue ") + "thing " + i, PRICE)
                    .withCategories(kitchen ? Set.of("kitchen") : Set.of("garden")));
            if (kitchen && red) {
                matching.add(product);
            }
        }

        assertThat(walk(ProductQuery.all().inCategory("kitchen").containing("red").withLimit(2)))
                .containsExactlyElementsOf(matching);
    }

    @Test
    void limitMayBeOneToOneHundred() {
        IntStream.range(0, 105).forEach(i -> create("P-" + i));

        assertThat(catalog().list(ProductQuery.all().withLimit(1)).items()).hasSize(1);
        assertThat(catalog().list(ProductQuery.all().withLimit(100)).items()).hasSize(100);
        assertInvalid(() -> ProductQuery.all().withLimit(0), "limit");
        assertInvalid(() -> ProductQuery.all().withLimit(-1), "limit");
        assertInvalid(() -> ProductQuery.all().withLimit(101), "limit");
    }

    @Test
    void malformedQueriesAreRejected() {
        assertInvalid(() -> ProductQuery.all().withCursor("not a cursor"), "cursor");
        assertInvalid(() -> ProductQuery.all().withCursor(""), "cursor");
        assertInvalid(() -> ProductQuery.all().withCursor("AAAA"), "cursor");
        assertInvalid(() -> ProductQuery.all().withCursor("!!!!!!!!!!!!!!!!!!!!!!"), "cursor");
        assertInvalid(() -> ProductQuery.all().withCursor("AAAAAAAAAAAAAAAAAAAAAAAA"), "cursor");
        assertInvalid(() -> ProductQuery.all().withCursor(null), "cursor");
        assertInvalid(() -> ProductQuery.all().inCategory("Not A Slug"), "category");
        assertInvalid(() -> ProductQuery.all().inCategory(null), "category");
        assertInvalid(() -> ProductQuery.all().containing(""), "text");
        assertInvalid(() -> ProductQuery.all().containing(null), "text");
        assertInvalid(() -> ProductQuery.all().containing("x".repeat(1001)), "text");
        assertInvalid(() -> catalog().list(null), "query");
    }

    @Test
    void aCursorFromAnotherListingStillPagesByIdOnly() {
        List<Product> products = IntStream.range(0, 6).mapToObj(i -> create("P-" + i)).collect(Collectors.toList());
        String cursor = catalog().list(ProductQuery.all().withLimit(2)).nextCursor().orElseThrow();

        assertThat(catalog().list(ProductQuery.all().withLimit(10).withCursor(cursor)).items())
                .containsExactlyElementsOf(products.subList(2, 6));
    }

    @Test
    void listsInUnsignedIdOrderSoEveryAdapterPagesAlike() {
        ArrayDeque<UUID> ids = new ArrayDeque<>(List.of(
                new UUID(0x8000_0000_0000_0000L, 1),
                new UUID(0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L),
                new UUID(0x7FFF_FFFF_FFFF_FFFFL, 2),
                new UUID(0xFFFF_FFFF_FFFF_FFFFL, 0)));
        Catalog fixedIds = Commerce.builder().store(store).clock(clock).ids(ids::removeFirst).build().catalog();
        Product first = fixedIds.create(NewProduct.of("A", "a", PRICE));
        Product second = fixedIds.create(NewProduct.of("B", "b", PRICE));
        Product third = fixedIds.create(NewProduct.of("C", "c", PRICE));
        Product fourth = fixedIds.create(NewProduct.of("D", "d", PRICE));

        assertThat(walk(ProductQuery.all().withLimit(1))).containsExactly(third, second, first, fourth);
    }

    private static Set<String> slugs(int count) {
        return IntStream.range(0, count).mapToObj(i -> "c" + i).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Map<String, String> attributes(int count) {
        Map<String, String> attributes = new HashMap<>();
        IntStream.range(0, count).forEach(i -> attributes.put("k" + i, "v" + i));
        return attributes;
    }
}
