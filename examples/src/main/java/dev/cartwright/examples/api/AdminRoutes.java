package dev.cartwright.examples.api;

import dev.cartwright.Commerce;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductChanges;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.money.Money;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderLine;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Staff routes, behind the admin bearer token:
 * <ul>
 * <li>{@code POST /admin/products}, {@code PATCH /admin/products/{id}}, {@code POST /admin/products/{id}/archive};
 * <li>{@code GET /admin/products/{id}/stock}, {@code POST /admin/products/{id}/stock} with {@code {"receive": n}}
 *     (units arrived) or {@code {"adjust": delta}} (a count correction);
 * <li>{@code GET /admin/orders/{id}}, {@code POST /admin/orders/{id}/capture} ({@code {"amount"}} optional),
 *     {@code /fulfilment} ({@code {"lines": [{"id", "quantity"}], "carrier", "trackingNumber"}}; no lines ships
 *     the rest), {@code /delivered}, {@code /refunds} ({@code {"amount", "restock": [{"id", "quantity"}]}}) and
 *     {@code /cancel}. A capture and a refund take an optional {@code Idempotency-Key} header: a retry with the key
 *     repeats the operation (a refund's restock included) harmlessly; without one every call is another.
 * </ul>
 */
final class AdminRoutes {

    private final Commerce shop;
    private final Auth auth;

    AdminRoutes(Commerce shop, Auth auth) {
        this.shop = shop;
        this.auth = auth;
    }

    /**
     * @param routes the table
     * @param products whether to serve the product and stock routes
     * @param orders whether to serve the order routes
     */
    void register(Routes routes, boolean products, boolean orders) {
        if (products || orders) {
            routes.before("/admin/*", auth::admin);
        }
        if (products) {
            registerProducts(routes);
        }
        if (orders) {
            registerOrders(routes);
        }
    }

    private void registerProducts(Routes routes) {
        routes.post("/admin/products", this::createProduct);
        routes.patch("/admin/products/{id}", this::updateProduct);
        routes.post("/admin/products/{id}/archive", ctx -> sendProduct(ctx, 200, shop.catalog().archive(productId(ctx))));
        routes.get("/admin/products/{id}/stock", ctx -> sendStock(ctx, shop.catalog().get(productId(ctx))));
        routes.post("/admin/products/{id}/stock", this::changeStock);
    }

    private void registerOrders(Routes routes) {
        routes.get("/admin/orders/{id}", ctx -> sendOrder(ctx, shop.backOffice().get(orderId(ctx))));
        routes.post("/admin/orders/{id}/capture", this::capture);
        routes.post("/admin/orders/{id}/fulfilment", this::fulfil);
        routes.post("/admin/orders/{id}/delivered", ctx ->
                sendOrder(ctx, shop.backOffice().markDelivered(auth.admin(ctx), orderId(ctx))));
        routes.post("/admin/orders/{id}/refunds", this::refund);
        routes.post("/admin/orders/{id}/cancel", ctx ->
                sendOrder(ctx, shop.backOffice().cancel(auth.admin(ctx), orderId(ctx))));
    }

    private void createProduct(Exchange ctx) {
        Requests.NewProduct body = Json.read(ctx, Requests.NewProduct.class);
        Currency currency = body.currency() == null ? DemoShop.CURRENCY : Money.currency(body.currency());
        NewProduct product = NewProduct.of(body.sku(), body.name(), Money.of(Params.required(body.price(), "price"), currency));
        if (body.description() != null) {
            product = product.withDescription(body.description());
        }
        if (body.taxClass() != null) {
            product = product.withTaxClass(body.taxClass());
        }
        if (body.categories() != null) {
            product = product.withCategories(body.categories());
        }
        if (body.attributes() != null) {
            product = product.withAttributes(body.attributes());
        }
        Product created = shop.catalog().create(product);
        ctx.header("Location", "/products/" + created.id());
        sendProduct(ctx, 201, created);
    }

    private void updateProduct(Exchange ctx) {
        ProductId id = productId(ctx);
        Requests.ProductPatch body = Json.read(ctx, Requests.ProductPatch.class);
        Currency currency = shop.catalog().get(id).price().currency();
        ProductChanges changes = ProductChanges.none();
        if (body.name() != null) {
            changes = changes.withName(body.name());
        }
        if (body.description() != null) {
            changes = changes.withDescription(body.description());
        }
        if (body.price() != null) {
            changes = changes.withPrice(Money.of(body.price(), currency));
        }
        if (body.taxClass() != null) {
            changes = changes.withTaxClass(body.taxClass());
        }
        if (body.categories() != null) {
            changes = changes.withCategories(Set.copyOf(body.categories()));
        }
        if (body.attributes() != null) {
            changes = changes.withAttributes(body.attributes());
        }
        sendProduct(ctx, 200, shop.catalog().update(id, changes));
    }

    private void changeStock(Exchange ctx) {
        Product product = shop.catalog().get(productId(ctx));
        Requests.Stock body = Json.read(ctx, Requests.Stock.class);
        if ((body.receive() == null) == (body.adjust() == null)) {
            throw CommerceException.invalid("receive", "give exactly one of receive (units arrived) or adjust");
        }
        if (body.receive() != null) {
            shop.inventory().receive(product.sku(), body.receive());
        } else {
            shop.inventory().adjust(product.sku(), body.adjust());
        }
        sendStock(ctx, product);
    }

    private void capture(Exchange ctx) {
        String staff = auth.admin(ctx);
        Optional<Money> amount = Optional.empty();
        if (ctx.bodyAsBytes().length > 0) {
            Requests.Capture body = Json.read(ctx, Requests.Capture.class);
            amount = Optional.ofNullable(body.amount())
                    .map(value -> Money.of(Params.positiveAmount(value, "amount"), DemoShop.CURRENCY));
        }
        Optional<String> operationKey = Params.operationKey(ctx);
        sendOrder(ctx, operationKey.isPresent()
                ? shop.backOffice().capture(staff, orderId(ctx), amount, operationKey.get())
                : shop.backOffice().capture(staff, orderId(ctx), amount));
    }

    private void fulfil(Exchange ctx) {
        String staff = auth.admin(ctx);
        OrderId id = orderId(ctx);
        Requests.Fulfil body = Json.read(ctx, Requests.Fulfil.class);
        Order order = shop.backOffice().get(id);
        Map<Sku, Long> quantities = body.lines() == null ? unshipped(order) : quantities(order, body.lines(), "lines");
        sendOrder(ctx, shop.backOffice().fulfil(staff, id, quantities, Params.required(body.carrier(), "carrier"),
                Params.required(body.trackingNumber(), "trackingNumber")));
    }

    private void refund(Exchange ctx) {
        String staff = auth.admin(ctx);
        OrderId id = orderId(ctx);
        Requests.Refund body = Json.read(ctx, Requests.Refund.class);
        Order order = shop.backOffice().get(id);
        Money amount = Money.of(Params.positiveAmount(body.amount(), "amount"), order.currency());
        Map<Sku, Long> restock = body.restock() == null ? Map.of() : quantities(order, body.restock(), "restock");
        Optional<String> operationKey = Params.operationKey(ctx);
        sendOrder(ctx, operationKey.isPresent()
                ? shop.backOffice().refund(staff, id, amount, restock, operationKey.get())
                : shop.backOffice().refund(staff, id, amount, restock));
    }

    private static Map<Sku, Long> unshipped(Order order) {
        Map<Sku, Long> rest = new LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            long left = line.quantity() - order.shippedQuantity(line.sku());
            if (left > 0) {
                rest.put(line.sku(), left);
            }
        }
        return rest;
    }

    /** Maps items named by product id to the order's SKUs. */
    private static Map<Sku, Long> quantities(Order order, List<Requests.Item> items, String field) {
        Map<Sku, Long> quantities = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String at = field + "[" + i + "]";
            Requests.Item item = Params.required(items.get(i), at);
            ProductId product = ProductId.parse(Params.required(item.id(), at + ".id"));
            Sku sku = order.lines().stream().filter(line -> line.productId().equals(product)).map(OrderLine::sku)
                    .findFirst().orElseThrow(() -> new CommerceException(ErrorCode.NOT_FOUND, at + ".id",
                            "order " + order.id() + " has no line for product " + product, null));
            Params.addQuantity(quantities, sku, item.quantity(), at + ".quantity");
        }
        return quantities;
    }

    private static ProductId productId(Exchange ctx) {
        return ProductId.parse(ctx.pathParam("id"));
    }

    private static OrderId orderId(Exchange ctx) {
        return OrderId.parse(ctx.pathParam("id"));
    }

    private void sendProduct(Exchange ctx, int status, Product product) {
        Json.send(ctx, status, Views.ProductView.of(product, shop.inventory().level(product.sku())));
    }

    private void sendStock(Exchange ctx, Product product) {
        StockLevel level = shop.inventory().level(product.sku());
        Json.send(ctx, 200, Views.Stock.of(product, level));
    }

    private static void sendOrder(Exchange ctx, Order order) {
        Json.send(ctx, 200, Views.OrderView.of(order));
    }
}
