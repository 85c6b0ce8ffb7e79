package dev.cartwright.catalog;

import dev.cartwright.error.Validate;
import java.util.List;
import java.util.Optional;

/**
 * One page of a listing, and the cursor that continues it. Immutable and thread-safe.
 *
 * @param items the items of this page, in listing order
 * @param nextCursor the opaque cursor of the next page; absent on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    /** Validates and defensively copies. */
    public Page {
        items = List.copyOf(Validate.notNull(items, "items"));
        Validate.notNull(nextCursor, "nextCursor");
    }

    /** @return whether there is a page after this one */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }
}
