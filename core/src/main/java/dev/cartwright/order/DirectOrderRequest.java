package dev.cartwright.order;

import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.payment.PaymentMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Asks {@link Checkout} to place and pay an order for some SKUs without a cart (a "buy now" button, an
 * import), at the catalog's current prices. Immutable and thread-safe.
 *
 * @param quantities the units to buy by SKU: 1 to 100 SKUs, each 1 or more units
 * @param promotionCodes promotion codes to apply, possibly none; each without U+0000 or an unpaired surrogate.
 *     When the order is placed, each must name a promotion (matched ignoring case) that applies to the order and
 *     that the customer has not used up
 * @param customerId the logged-in customer; empty for a guest
 * @param email a guest's e-mail, required when {@code customerId} is empty
 * @param shippingAddress where to ship
 * @param shippingOptionId how to ship; empty to order without shipping
 * @param paymentMethod how to pay
 * @param idempotencyKey the client's key, as in {@link CheckoutRequest}
 */
public record DirectOrderRequest(Map<Sku, Long> quantities, List<String> promotionCodes,
        Optional<CustomerId> customerId, Optional<String> email, Address shippingAddress,
        Optional<String> shippingOptionId, PaymentMethod paymentMethod, String idempotencyKey) {

    /**
     * Validates and copies.
     *
     * @throws CommerceException {@code VALIDATION} naming the bad field; a promotion code by its index, such as
     *     {@code promotionCodes[1]}
     */
    public DirectOrderRequest {
        Validate.notNull(quantities, "quantities");
        if (quantities.isEmpty() || quantities.size() > 100) {
            throw CommerceException.invalid("quantities", "must hold 1 to 100 SKUs");
        }
        quantities.forEach((sku, quantity) -> {
            Validate.notNull(sku, "sku");
            Validate.notNull(quantity, "quantity");
            Validate.between(quantity, "quantity", 1, 1_000_000_000L);
        });
        quantities = Map.copyOf(new TreeMap<>(quantities));
        List<String> codes = new ArrayList<>(Validate.notNull(promotionCodes, "promotionCodes"));
        for (int i = 0; i < codes.size(); i++) {
            Validate.text(codes.get(i), "promotionCodes[" + i + "]");
        }
        promotionCodes = List.copyOf(codes);
        OrderChecks.buyer(customerId, email);
        Validate.notNull(shippingAddress, "shippingAddress");
        Validate.notNull(shippingOptionId, "shippingOptionId");
        Validate.notNull(paymentMethod, "paymentMethod");
        Validate.notBlank(idempotencyKey, "idempotencyKey", 200);
    }

    String fingerprint() {
        return new RequestDigest("direct").quantities(new TreeMap<>(quantities)).texts(promotionCodes)
                .customer(customerId).text(email).address(shippingAddress).text(shippingOptionId)
                .payment(paymentMethod).hex();
    }
}
