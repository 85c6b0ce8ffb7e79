package dev.cartwright.catalog;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import java.util.Optional;

/**
 * What {@link Catalog#list(ProductQuery)} lists: {@code ProductQuery.all().inCategory("mugs").withLimit(50)}.
 *
 * <p>Products are listed in id order (creation order for time-ordered ids) and paged by keyset: a
 * page's {@link Page#nextCursor()} passed to {@link #withCursor(String)} continues after the last
 * product seen, so products added or archived during a walk neither repeat nor shift others. Immutable
 * and thread-safe.
 *
 * @param category only products in this category slug
 * @param text only products whose name or description contains this text, ignoring case
 *     ({@link String#toLowerCase(java.util.Locale) Locale.ROOT}); 1 to 1000 characters
 * @param includeArchived whether archived products are listed too; {@code false} by default
 * @param limit the most products per page, 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} by default
 * @param cursor the cursor of a previous page, to continue after it
 */
public record ProductQuery(
        Optional<String> category,
        Optional<String> text,
        boolean includeArchived,
        int limit,
        Optional<String> cursor) {

    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 20;
    /** The largest page size accepted. */
    public static final int MAX_LIMIT = 100;
    /** The longest search text accepted. */
    public static final int MAX_TEXT_LENGTH = 1000;

    /**
     * Validates every field, including that the cursor is well-formed.
     *
     * @throws CommerceException {@code VALIDATION} naming {@code category}, {@code text}, {@code limit}
     *     or {@code cursor}
     */
    public ProductQuery {
        Validate.notNull(category, "category").ifPresent(slug -> ProductRules.category(slug, "category"));
        Validate.notNull(text, "text").ifPresent(search -> {
            if (search.isEmpty()) {
                throw CommerceException.invalid("text", "must not be empty");
            }
            Validate.maxLength(search, "text", MAX_TEXT_LENGTH);
        });
        Validate.between(limit, "limit", 1, MAX_LIMIT);
        Validate.notNull(cursor, "cursor").ifPresent(ProductCursor::decode);
    }

    /** @return the first page of every active product, {@value #DEFAULT_LIMIT} at a time */
    public static ProductQuery all() {
        return new ProductQuery(Optional.empty(), Optional.empty(), false, DEFAULT_LIMIT, Optional.empty());
    }

    /**
     * @param slug the category slug
     * @return this query, listing only products in that category
     * @throws CommerceException {@code VALIDATION} if it is not a slug
     */
    public ProductQuery inCategory(String slug) {
        return new ProductQuery(Optional.of(Validate.notNull(slug, "category")), text, includeArchived, limit, cursor);
    }

    /**
     * @param search the text to find in the name or description, ignoring case
     * @return this query, listing only products that contain it
     * @throws CommerceException {@code VALIDATION} if it is empty or too long
     */
    public ProductQuery containing(String search) {
        return new ProductQuery(category, Optional.of(Validate.notNull(search, "text")), includeArchived, limit, cursor);
    }

    /** @return this query, listing archived products too */
    public ProductQuery includingArchived() {
        return new ProductQuery(category, text, true, limit, cursor);
    }

    /**
     * @param pageSize the most products per page
     * @return this query with that page size
     * @throws CommerceException {@code VALIDATION} if it is not between 1 and {@value #MAX_LIMIT}
     */
    public ProductQuery withLimit(int pageSize) {
        return new ProductQuery(category, text, includeArchived, pageSize, cursor);
    }

    /**
     * @param pageCursor the {@link Page#nextCursor()} of the previous page
     * @return this query, continuing after that page
     * @throws CommerceException {@code VALIDATION} on field {@code cursor} if it is malformed
     */
    public ProductQuery withCursor(String pageCursor) {
        return new ProductQuery(category, text, includeArchived, limit, Optional.of(Validate.notNull(pageCursor, "cursor")));
    }

    /** @return the id the cursor continues after */
    Optional<ProductId> after() {
        return cursor.map(ProductCursor::decode);
    }
}
