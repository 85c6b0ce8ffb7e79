package dev.cartwright.jdbc;

import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartId;
import dev.cartwright.cart.CartLine;
import dev.cartwright.cart.CartRepository;
import dev.cartwright.cart.CartStatus;
import dev.cartwright.catalog.ProductId;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * Carts as a row plus ordered line and promotion-code rows, read in three queries and written back under
 * a version check. {@code active_customer_id} is set only while a cart is active, so that a unique key
 * gives each customer one active cart. A guest cart's secret is a column holding only its SHA-256.
 */
final class JdbcCartRepository implements CartRepository {

    private static final String SELECT = "SELECT id, customer_id, guest_secret_hash, currency, status, version,"
            + " created_at, updated_at FROM carts";

    private final Sql sql;

    JdbcCartRepository(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Cart cart) {
        sql.exec(() -> {
            Update insert = sql.handle.createUpdate("INSERT INTO carts (id, customer_id, active_customer_id,"
                    + " guest_secret_hash, currency, status, version, created_at, updated_at) VALUES (:id, :customer,"
                    + " :activeCustomer, :guestSecretHash, :currency, :status, :version, :createdAt, :updatedAt)");
            bindCustomer(insert, cart);
            insert
                    .bind("id", cart.id().value())
                    .bind("currency", cart.currency().getCurrencyCode())
                    .bind("status", cart.status().name())
                    .bind("version", cart.version())
                    .bind("createdAt", Rows.nanos(cart.createdAt()))
                    .bind("updatedAt", Rows.nanos(cart.updatedAt()))
                    .execute();
            insertChildren(cart);
        });
    }

    @Override
    public Optional<Cart> findById(CartId id) {
        return find(SELECT + " WHERE id = :key", id.value());
    }

    @Override
    public Optional<Cart> findActiveByCustomer(CustomerId customer) {
        return find(SELECT + " WHERE active_customer_id = :key", customer.value());
    }

    /**
     * Held back until the transaction's next statement or its commit, and checked then (see
     * {@link JdbcOrderRepository#update}): the guarded update of the cart's row, then its lines and codes written
     * again, with no read first.
     */
    @Override
    public void update(Cart cart, long expectedVersion) {
        UUID customer = cart.customerId().map(CustomerId::value).orElse(null);
        sql.defer(count -> updated(cart, expectedVersion, count), "UPDATE carts SET customer_id = ?,"
                + " active_customer_id = ?, guest_secret_hash = ?, status = ?, version = ?, updated_at = ?"
                + " WHERE id = ? AND version = ?", Rows.uuid(customer), Rows.uuid(cart.isActive() ? customer : null),
                Rows.text(cart.guestSecretHash().orElse(null)), cart.status().name(), cart.version(),
                Rows.nanos(cart.updatedAt()), cart.id().value(), expectedVersion);
        sql.defer("DELETE FROM cart_lines WHERE cart_id = ?", cart.id().value());
        sql.defer("DELETE FROM cart_promotion_codes WHERE cart_id = ?", cart.id().value());
        int seq = 0;
        for (CartLine line : cart.lines()) {
            sql.defer("INSERT INTO cart_lines (cart_id, seq, sku, product_id, name, unit_minor, unit_currency,"
                    + " tax_class, quantity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", cart.id().value(), seq++,
                    line.sku().value(), line.productId().value(), line.name(), line.unitPrice().minorUnits(),
                    line.unitPrice().currency().getCurrencyCode(), line.taxClass(), line.quantity());
        }
        seq = 0;
        for (String code : cart.promotionCodes()) {
            sql.defer("INSERT INTO cart_promotion_codes (cart_id, seq, code) VALUES (?, ?, ?)", cart.id().value(),
                    seq++, code);
        }
    }

    /** Tells why a held-back update of a cart changed no row: a stale version or a missing cart. */
    private void updated(Cart cart, long expectedVersion, int count) {
        if (count == 1) {
            return;
        }
        sql.explainMissedUpdate("carts", "cart", cart.id(), cart.id().value(), expectedVersion);
        throw new IllegalStateException("cart " + cart.id() + " is at version " + expectedVersion
                + " and yet its guarded update changed no row");
    }

    private static void bindCustomer(Update statement, Cart cart) {
        UUID customer = cart.customerId().map(CustomerId::value).orElse(null);
        Rows.bindUuid(statement, "customer", customer);
        Rows.bindUuid(statement, "activeCustomer", cart.isActive() ? customer : null);
        statement.bind("guestSecretHash", cart.guestSecretHash().orElse(null));
    }

    private void insertChildren(Cart cart) {
        if (!cart.lines().isEmpty()) {
            PreparedBatch batch = sql.handle.prepareBatch("INSERT INTO cart_lines (cart_id, seq, sku, product_id, name,"
                    + " unit_minor, unit_currency, tax_class, quantity) VALUES (:cart, :seq, :sku, :product, :name,"
                    + " :unitMinor, :unitCurrency, :taxClass, :quantity)");
            int seq = 0;
            for (CartLine line : cart.lines()) {
                batch.bind("cart", cart.id().value())
                        .bind("seq", seq++)
                        .bind("sku", line.sku().value())
                        .bind("product", line.productId().value())
                        .bind("name", line.name())
                        .bind("unitMinor", line.unitPrice().minorUnits())
                        .bind("unitCurrency", line.unitPrice().currency().getCurrencyCode())
                        .bind("taxClass", line.taxClass())
                        .bind("quantity", line.quantity())
                        .add();
            }
            batch.execute();
        }
        if (!cart.promotionCodes().isEmpty()) {
            PreparedBatch batch = sql.handle.prepareBatch(
                    "INSERT INTO cart_promotion_codes (cart_id, seq, code) VALUES (:cart, :seq, :code)");
            int seq = 0;
            for (String code : cart.promotionCodes()) {
                batch.bind("cart", cart.id().value()).bind("seq", seq++).bind("code", code).add();
            }
            batch.execute();
        }
    }

    private Optional<Cart> find(String select, UUID key) {
        return sql.run(() -> {
            Optional<Row> row = sql.handle.createQuery(select)
                    .bind("key", key)
                    .map((rs, ctx) -> new Row(Rows.uuid(rs, "id"), Rows.uuid(rs, "customer_id"),
                            rs.getString("guest_secret_hash"), rs.getString("currency"), rs.getString("status"), rs.getLong("version"), Rows.instant(rs, "created_at"),
                            Rows.instant(rs, "updated_at")))
                    .findOne();
            if (row.isEmpty()) {
                return Optional.<Cart>empty();
            }
            Row cart = row.get();
            List<CartLine> lines = sql.handle.createQuery("SELECT sku, product_id, name, unit_minor, unit_currency,"
                    + " tax_class, quantity FROM cart_lines WHERE cart_id = :id ORDER BY seq")
                    .bind("id", cart.id())
                    .map((rs, ctx) -> new CartLine(Sku.of(rs.getString("sku")), new ProductId(Rows.uuid(rs, "product_id")),
                            rs.getString("name"), Rows.money(rs, "unit_minor", "unit_currency"), rs.getString("tax_class"),
                            rs.getLong("quantity")))
                    .list();
            List<String> codes = sql.handle.createQuery("SELECT code FROM cart_promotion_codes WHERE cart_id = :id"
                    + " ORDER BY seq")
                    .bind("id", cart.id()).mapTo(String.class).list();
            return Optional.of(new Cart(new CartId(cart.id()), Optional.ofNullable(cart.customer()).map(CustomerId::new),
                    Optional.ofNullable(cart.guestSecretHash()), Currency.getInstance(cart.currency().trim()), new ArrayList<>(lines), codes,
                    CartStatus.valueOf(cart.status()), cart.version(), cart.createdAt(), cart.updatedAt()));
        });
    }

    private record Row(UUID id, UUID customer, String guestSecretHash, String currency, String status, long version,
            java.time.Instant createdAt, java.time.Instant updatedAt) {
    }
}
