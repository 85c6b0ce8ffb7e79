package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link ErrorCode#CONFLICT} (field {@code prices}) at checkout: the catalog price of some cart lines changed
 * since they were added. The customer confirms the new prices by checking out again with
 * {@code acceptPriceChanges}.
 */
public final class PriceChangedException extends CommerceException {

    private static final long serialVersionUID = 1L;

    private final List<String> skus;

    /** @param skus the SKUs whose price changed */
    public PriceChangedException(List<Sku> skus) {
        super(ErrorCode.CONFLICT, "prices", "prices changed since they were added to the cart: "
                + skus.stream().map(Sku::value).collect(Collectors.joining(", ")), null);
        this.skus = skus.stream().map(Sku::value).toList();
    }

    /** @return the SKUs whose price changed */
    public List<Sku> skus() {
        return skus.stream().map(Sku::of).toList();
    }
}
