package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.Page;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.catalog.Sku;
import dev.cartwright.inventory.StockLevel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The public catalog: {@code GET /products} (a JSON array; {@code ?q=} searches name and description,
 * {@code ?category=} filters, {@code ?limit=} and {@code ?cursor=} page; the next page's cursor is in the
 * {@code X-Next-Cursor} header and a {@code Link: <...>; rel="next"} header) and {@code GET /products/{id}}.
 */
final class CatalogRoutes {

    private final Commerce shop;

    CatalogRoutes(Commerce shop) {
        this.shop = shop;
    }

    void register(Routes routes) {
        routes.get("/products", this::list);
        routes.get("/products/{id}", this::get);
    }

    private void list(Exchange ctx) {
        ProductQuery query = ProductQuery.all();
        query = Params.query(ctx, "q").map(query::containing).orElse(query);
        query = Params.query(ctx, "category").map(query::inCategory).orElse(query);
        query = Params.intQuery(ctx, "limit").map(query::withLimit).orElse(query);
        query = Params.query(ctx, "cursor").map(query::withCursor).orElse(query);
        Page<Product> page = shop.catalog().list(query);
        Map<Sku, StockLevel> stock = shop.inventory().levels(page.items().stream().map(Product::sku).toList());
        List<Views.ProductView> products = page.items().stream()
                .map(product -> Views.ProductView.of(product, stock.getOrDefault(product.sku(), StockLevel.empty(product.sku()))))
                .toList();
        int limit = query.limit();
        page.nextCursor().ifPresent(cursor -> {
            ctx.header("X-Next-Cursor", cursor);
            StringBuilder next = new StringBuilder("/products?cursor=").append(encode(cursor)).append("&limit=").append(limit);
            Params.query(ctx, "q").ifPresent(text -> next.append("&q=").append(encode(text)));
            Params.query(ctx, "category").ifPresent(slug -> next.append("&category=").append(encode(slug)));
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
        });
        Json.send(ctx, 200, products);
    }

    private void get(Exchange ctx) {
        Product product = shop.catalog().get(ProductId.parse(ctx.pathParam("id")));
        Json.send(ctx, 200, Views.ProductView.of(product, shop.inventory().level(product.sku())));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
