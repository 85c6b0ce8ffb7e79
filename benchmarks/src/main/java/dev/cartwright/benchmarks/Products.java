package dev.cartwright.benchmarks;

import dev.cartwright.catalog.Catalog;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The synthetic catalog: product {@code i} has SKU {@code P-0000i}, a name and a description of a few words, one of
 * {@value #CATEGORIES} categories, two attributes and a price. {@value #RARE_MATCHES} products (spread evenly) carry
 * the word {@value #RARE_WORD}, which text search looks for.
 */
final class Products {

    static final int CATEGORIES = 100;
    static final String RARE_WORD = "zephyr";
    static final int RARE_MATCHES = 10;
    private static final String[] WORDS = {"oak", "linen", "brass", "wool", "clay", "steel", "cedar", "glass",
        "cotton", "slate", "copper", "maple"};

    private Products() {
    }

    static String sku(int i) {
        return String.format(Locale.ROOT, "P-%07d", i);
    }

    static NewProduct product(int i, int count) {
        boolean rare = i % Math.max(1, count / RARE_MATCHES) == 0 && i / Math.max(1, count / RARE_MATCHES) < RARE_MATCHES;
        String word = WORDS[i % WORDS.length];
        String other = WORDS[(i / WORDS.length) % WORDS.length];
        return NewProduct.of(sku(i), "Product " + i + " in " + word, Money.ofMinor(100 + i % 10_000,
                Money.currency("EUR")))
                .withDescription("A " + word + " and " + other + " thing" + (rare ? ", " + RARE_WORD + " edition" : "")
                        + " for every home.")
                .withCategories(Set.of("cat-" + i % CATEGORIES))
                .withAttributes(Map.of("material", word, "colour", other));
    }

    /**
     * Creates products {@code 0..count-1} through the catalog, from several threads, one product per call (as a
     * host importing a catalog would).
     *
     * @return the ids, by index
     */
    static ProductId[] load(Catalog catalog, int count, int threads) {
        ProductId[] ids = new ProductId[count];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        ids[i] = catalog.create(product(i, count)).id();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
