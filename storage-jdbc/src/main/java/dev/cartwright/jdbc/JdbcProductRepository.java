package dev.cartwright.jdbc;

import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.ProductOffer;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.catalog.ProductRepository;
import dev.cartwright.catalog.ProductStatus;
import dev.cartwright.catalog.Sku;
import dev.cartwright.error.Validate;
import dev.cartwright.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** Products in three tables: the row, its categories and its attributes, loaded in three queries. */
final class JdbcProductRepository implements ProductRepository {

    private static final String COLUMNS = "p.id, p.sku, p.name, p.description, p.price_minor, p.price_currency,"
            + " p.tax_class, p.status, p.version, p.created_at, p.updated_at";

    private final Sql sql;

    JdbcProductRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Product> findById(ProductId id) {
        return load("SELECT " + COLUMNS + " FROM products p WHERE p.id = :id", q -> q.bind("id", id.value()))
                .stream().findFirst();
    }

    @Override
    public Optional<Product> findBySku(Sku sku) {
        return load("SELECT " + COLUMNS + " FROM products p WHERE p.sku = :sku", q -> q.bind("sku", sku.value()))
                .stream().findFirst();
    }

    @Override
    public Map<Sku, Product> findAllBySku(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<String> values = skus.stream().map(Sku::value).distinct().toList();
        Map<Sku, Product> found = new HashMap<>();
        for (Product product : load("SELECT " + COLUMNS + " FROM products p WHERE p.sku IN (<skus>)",
                q -> q.bindList("skus", values))) {
            found.put(product.sku(), product);
        }
        return found;
    }

    @Override
    public Map<Sku, ProductOffer> findOffers(Collection<Sku> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<String> values = skus.stream().map(Sku::value).distinct().toList();
        return sql.run(() -> {
            Map<Sku, ProductOffer> offers = new HashMap<>();
            sql.handle.createQuery("SELECT id, sku, name, price_minor, price_currency, tax_class, status FROM products"
                    + " WHERE sku IN (<skus>)")
                    .bindList("skus", values)
                    .map((rs, ctx) -> new ProductOffer(new ProductId(Rows.uuid(rs, "id")), Sku.of(rs.getString("sku")),
                            rs.getString("name"), Rows.money(rs, "price_minor", "price_currency"),
                            rs.getString("tax_class"), ProductStatus.valueOf(rs.getString("status")).equals(
                                    ProductStatus.ACTIVE)))
                    .forEach(offer -> offers.put(offer.sku(), offer));
            return offers;
        });
    }

    @Override
    public void insert(Product product) {
        Validate.notNull(product, "product");
        sql.exec(() -> {
            sql.handle.createUpdate("INSERT INTO products (id, sku, name, description, price_minor, price_currency,"
                    + " tax_class, status, version, created_at, updated_at) VALUES (:id, :sku, :name, :description,"
                    + " :priceMinor, :priceCurrency, :taxClass, :status, :version, :createdAt, :updatedAt)")
                    .bind("id", product.id().value())
                    .bind("sku", product.sku().value())
                    .bind("name", product.name())
                    .bind("description", product.description())
                    .bind("priceMinor", product.price().minorUnits())
                    .bind("priceCurrency", product.price().currency().getCurrencyCode())
                    .bind("taxClass", product.taxClass())
                    .bind("status", product.status().name())
                    .bind("version", product.version())
                    .bind("createdAt", Rows.nanos(product.createdAt()))
                    .bind("updatedAt", Rows.nanos(product.updatedAt()))
                    .execute();
            insertChildren(product);
        });
    }

    @Override
    public void update(Product product, long expectedVersion) {
        Validate.notNull(product, "product");
        sql.exec(() -> {
            int updated = sql.handle.createUpdate("UPDATE products SET name = :name, description = :description,"
                    + " price_minor = :priceMinor, price_currency = :priceCurrency, tax_class = :taxClass,"
                    + " status = :status, version = :version, updated_at = :updatedAt"
                    + " WHERE id = :id AND version = :expectedVersion")
                    .bind("id", product.id().value())
                    .bind("name", product.name())
                    .bind("description", product.description())
                    .bind("priceMinor", product.price().minorUnits())
                    .bind("priceCurrency", product.price().currency().getCurrencyCode())
                    .bind("taxClass", product.taxClass())
                    .bind("status", product.status().name())
                    .bind("version", product.version())
                    .bind("updatedAt", Rows.nanos(product.updatedAt()))
                    .bind("expectedVersion", expectedVersion)
                    .execute();
            if (updated == 0) {
                throw new StaleVersionException("product changed concurrently: " + product.id());
            }
            sql.handle.createUpdate("DELETE FROM product_categories WHERE product_id = :id")
                    .bind("id", product.id().value()).execute();
            sql.handle.createUpdate("DELETE FROM product_attributes WHERE product_id = :id")
                    .bind("id", product.id().value()).execute();
            insertChildren(product);
        });
    }

    @Override
    public List<Product> page(ProductQuery query, Optional<ProductId> after, int limit) {
        StringBuilder select = new StringBuilder("SELECT " + COLUMNS + " FROM products p WHERE 1 = 1");
        if (after.isPresent()) {
            select.append(" AND p.id > :after");
        }
        if (!query.includeArchived()) {
            select.append(" AND p.status = 'ACTIVE'");
        }
        if (query.category().isPresent()) {
            select.append(" AND EXISTS (SELECT 1 FROM product_categories c WHERE c.product_id = p.id"
                    + " AND c.category = :category)");
        }
        if (query.text().isPresent()) {
            select.append(" AND (LOWER(p.name) LIKE :pattern ESCAPE '!' OR LOWER(p.description) LIKE :pattern ESCAPE '!')");
        }
        select.append(" ORDER BY p.id LIMIT :limit");
        return load(select.toString(), q -> {
            after.ifPresent(id -> q.bind("after", id.value()));
            query.category().ifPresent(category -> q.bind("category", category));
            query.text().ifPresent(text -> q.bind("pattern", "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%"));
            q.bind("limit", limit);
        });
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private void insertChildren(Product product) {
        if (!product.categories().isEmpty()) {
            PreparedBatch batch = sql.handle.prepareBatch(
                    "INSERT INTO product_categories (product_id, category) VALUES (:id, :category)");
            for (String category : product.categories()) {
                batch.bind("id", product.id().value()).bind("category", category).add();
            }
            batch.execute();
        }
        if (!product.attributes().isEmpty()) {
            PreparedBatch batch = sql.handle.prepareBatch("INSERT INTO product_attributes"
                    + " (product_id, attribute_name, attribute_value) VALUES (:id, :name, :value)");
            for (Map.Entry<String, String> attribute : product.attributes().entrySet()) {
                batch.bind("id", product.id().value()).bind("name", attribute.getKey())
                        .bind("value", attribute.getValue()).add();
            }
            batch.execute();
        }
    }

    private interface Binder {
        void bind(Query query);
    }

    private List<Product> load(String select, Binder binder) {
        return sql.run(() -> {
            Query query = sql.handle.createQuery(select);
            binder.bind(query);
            List<Row> rows = query.map((rs, ctx) -> Row.of(rs)).list();
            if (rows.isEmpty()) {
                return List.of();
            }
            List<UUID> ids = rows.stream().map(Row::id).toList();
            Map<UUID, Set<String>> categories = new HashMap<>();
            sql.handle.createQuery("SELECT product_id, category FROM product_categories WHERE product_id IN (<ids>)")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> Map.entry(Rows.uuid(rs, "product_id"), rs.getString("category")))
                    .forEach(row -> categories.computeIfAbsent(row.getKey(), id -> new HashSet<>()).add(row.getValue()));
            Map<UUID, Map<String, String>> attributes = new HashMap<>();
            sql.handle.createQuery("SELECT product_id, attribute_name, attribute_value FROM product_attributes"
                    + " WHERE product_id IN (<ids>)")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> Map.entry(Rows.uuid(rs, "product_id"),
                            Map.entry(rs.getString("attribute_name"), rs.getString("attribute_value"))))
                    .forEach(row -> attributes.computeIfAbsent(row.getKey(), id -> new LinkedHashMap<>())
                            .put(row.getValue().getKey(), row.getValue().getValue()));
            List<Product> products = new ArrayList<>(rows.size());
            for (Row row : rows) {
                products.add(row.toProduct(categories.getOrDefault(row.id(), Set.of()),
                        attributes.getOrDefault(row.id(), Map.of())));
            }
            return products;
        });
    }

    private record Row(UUID id, String sku, String name, String description, Money price,
            String taxClass, String status, long version, Instant createdAt, Instant updatedAt) {

        static Row of(ResultSet rs) throws SQLException {
            return new Row(Rows.uuid(rs, "id"), rs.getString("sku"), rs.getString("name"), rs.getString("description"),
                    Rows.money(rs, "price_minor", "price_currency"), rs.getString("tax_class"), rs.getString("status"),
                    rs.getLong("version"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
        }

        Product toProduct(Set<String> categories, Map<String, String> attributes) {
            return new Product(new ProductId(id), Sku.of(sku), name, description, price, taxClass, categories,
                    attributes, ProductStatus.valueOf(status), version, createdAt, updatedAt);
        }
    }
}
