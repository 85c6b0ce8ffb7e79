package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.store.IdGenerator;
import dev.cartwright.store.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's use cases: create, change, archive, find and list products. Thread-safe.
 *
 * <p>Every method validates its arguments before it touches the store, and runs in one transaction;
 * a method that throws has changed nothing. Products are never deleted: archiving hides them from
 * listings while orders keep naming them.
 */
public final class Catalog {

    private final UnitOfWork<CatalogRepositories> transactions;
    private final Clock clock;
    private final IdGenerator ids;

    /**
     * @param transactions the transactions to run in
     * @param clock the source of creation and change times
     * @param ids the source of product ids; time-ordered ids list in creation order
     */
    public Catalog(UnitOfWork<CatalogRepositories> transactions, Clock clock, IdGenerator ids) {
        this.transactions = Validate.notNull(transactions, "transactions");
        this.clock = Validate.notNull(clock, "clock");
        this.ids = Validate.notNull(ids, "ids");
    }

    /**
     * Creates an active product at version 0.
     *
     * @param product what to create
     * @return the created product
     * @throws CommerceException {@code VALIDATION} if {@code product} is null; {@code CONFLICT} with
     *     field {@code sku} if another product has its SKU
     */
    public Product create(NewProduct product) {
        Validate.notNull(product, "product");
        return transactions.inTransaction(repositories -> {
            ProductRepository products = repositories.products();
            if (products.findBySku(product.sku()).isPresent()) {
                throw skuTaken(product.sku());
            }
            Instant now = clock.instant();
            Product created = new Product(new ProductId(ids.next()), product.sku(), product.name(),
                    product.description(), product.price(), product.taxClass(), product.categories(),
                    product.attributes(), ProductStatus.ACTIVE, 0, now, now);
            products.insert(created);
            return created;
        });
    }

    /**
     * Changes the given fields of a product, archived or not, incrementing its version and setting
     * its change time. Changes that name no field return the product as it is.
     *
     * @param id the product
     * @param changes the fields to change
     * @return the changed product
     * @throws CommerceException {@code VALIDATION} if an argument is null; {@code NOT_FOUND} if there
     *     is no such product; {@code CONFLICT} if it changed concurrently
     */
    public Product update(ProductId id, ProductChanges changes) {
        Validate.notNull(id, "productId");
        Validate.notNull(changes, "changes");
        return transactions.inTransaction(repositories -> {
            ProductRepository products = repositories.products();
            Product current = products.findById(id).orElseThrow(() -> CommerceException.notFound("product", id));
            if (changes.isEmpty()) {
                return current;
            }
            Product changed = changes.applyTo(current, clock.instant());
            products.update(changed, current.version());
            return changed;
        });
    }

    /**
     * Archives a product: it is no longer listed (unless asked for) or sellable. Archiving an archived
     * product returns it unchanged.
     *
     * @param id the product
     * @return the archived product
     * @throws CommerceException {@code VALIDATION} if {@code id} is null; {@code NOT_FOUND} if there
     *     is no such product; {@code CONFLICT} if it changed concurrently
     */
    public Product archive(ProductId id) {
        Validate.notNull(id, "productId");
        return transactions.inTransaction(repositories -> {
            ProductRepository products = repositories.products();
            Product current = products.findById(id).orElseThrow(() -> CommerceException.notFound("product", id));
            if (current.status() == ProductStatus.ARCHIVED) {
                return current;
            }
            Product archived = new Product(current.id(), current.sku(), current.name(), current.description(),
                    current.price(), current.taxClass(), current.categories(), current.attributes(),
                    ProductStatus.ARCHIVED, current.version() + 1, current.createdAt(), clock.instant());
            products.update(archived, current.version());
            return archived;
        });
    }

    /**
     * @param id the product
     * @return the product, archived or not
     * @throws CommerceException {@code VALIDATION} if {@code id} is null; {@code NOT_FOUND} if there
     *     is no such product
     */
    public Product get(ProductId id) {
        Validate.notNull(id, "productId");
        return transactions.read(repositories -> repositories.products().findById(id))
                .orElseThrow(() -> CommerceException.notFound("product", id));
    }

    /**
     * @param sku the SKU, matched exactly
     * @return the product, archived or not
     * @throws CommerceException {@code VALIDATION} if {@code sku} is null
     */
    public Optional<Product> findBySku(Sku sku) {
        Validate.notNull(sku, "sku");
        return transactions.read(repositories -> repositories.products().findBySku(sku));
    }

    /**
     * Lists one page of products in id order, by keyset: pass the page's {@link Page#nextCursor()} to
     * {@link ProductQuery#withCursor(String)} for the next page.
     *
     * @param query the filters, page size and cursor
     * @return the page
     * @throws CommerceException {@code VALIDATION} if {@code query} is null
     */
    public Page<Product> list(ProductQuery query) {
        Validate.notNull(query, "query");
        Optional<ProductId> after = query.after();
        // One extra row tells whether another page follows without a count query.
        List<Product> rows = transactions.read(
                repositories -> repositories.products().page(query, after, query.limit() + 1));
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<Product> items = rows.subList(0, query.limit());
        return new Page<>(items, Optional.of(ProductCursor.encode(items.get(items.size() - 1).id())));
    }

    private static CommerceException skuTaken(Sku sku) {
        return new CommerceException(ErrorCode.CONFLICT, "sku", "sku is already in use: " + sku, null);
    }
}
