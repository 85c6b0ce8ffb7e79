package dev.cartwright.order;

import dev.cartwright.cart.CartId;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.payment.PaymentMethod;
import java.util.Optional;

/**
 * Asks {@link Checkout} to turn a cart into an order and pay it. Immutable and thread-safe.
 *
 * @param cartId the active cart
 * @param customerId the logged-in customer, who must own the cart; empty for a guest
 * @param email a guest's e-mail, required when {@code customerId} is empty
 * @param shippingAddress where to ship; its country and region are the tax destination
 * @param shippingOptionId one of the shop's shipping options; empty to order without shipping
 * @param paymentMethod the gateway token and its display details
 * @param idempotencyKey the client's key for this checkout: a retry with it returns the same order and never
 *     charges twice; 1 to 200 characters
 * @param acceptPriceChanges whether lines whose catalog price changed since they were added are bought at the
 *     new price instead of failing with {@link PriceChangedException}
 */
public record CheckoutRequest(CartId cartId, Optional<CustomerId> customerId, Optional<String> email,
        Address shippingAddress, Optional<String> shippingOptionId, PaymentMethod paymentMethod,
        String idempotencyKey, boolean acceptPriceChanges) {

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} naming the bad field
     */
    public CheckoutRequest {
        Validate.notNull(cartId, "cartId");
        OrderChecks.buyer(customerId, email);
        Validate.notNull(shippingAddress, "shippingAddress");
        Validate.notNull(shippingOptionId, "shippingOptionId");
        Validate.notNull(paymentMethod, "paymentMethod");
        Validate.notBlank(idempotencyKey, "idempotencyKey", 200);
    }

    /**
     * @param cartId the customer's cart
     * @param customer the customer
     * @param address where to ship
     * @param shippingOptionId how to ship
     * @param paymentMethod how to pay
     * @param idempotencyKey the client's key
     * @return a request that fails on changed prices
     */
    public static CheckoutRequest forCustomer(CartId cartId, CustomerId customer, Address address,
            String shippingOptionId, PaymentMethod paymentMethod, String idempotencyKey) {
        return new CheckoutRequest(cartId, Optional.of(Validate.notNull(customer, "customerId")), Optional.empty(),
                address, Optional.ofNullable(shippingOptionId), paymentMethod, idempotencyKey, false);
    }

    /**
     * @param cartId the guest's cart
     * @param email the guest's e-mail
     * @param address where to ship
     * @param shippingOptionId how to ship
     * @param paymentMethod how to pay
     * @param idempotencyKey the client's key
     * @return a request that fails on changed prices
     */
    public static CheckoutRequest forGuest(CartId cartId, String email, Address address, String shippingOptionId,
            PaymentMethod paymentMethod, String idempotencyKey) {
        return new CheckoutRequest(cartId, Optional.empty(), Optional.of(Validate.notNull(email, "email")), address,
                Optional.ofNullable(shippingOptionId), paymentMethod, idempotencyKey, false);
    }

    /** @return the same request, accepting changed prices */
    public CheckoutRequest acceptingPriceChanges() {
        return new CheckoutRequest(cartId, customerId, email, shippingAddress, shippingOptionId, paymentMethod,
                idempotencyKey, true);
    }

    String fingerprint() {
        return new RequestDigest("cart").text(cartId.value().toString()).customer(customerId).text(email)
                .address(shippingAddress).text(shippingOptionId).payment(paymentMethod).flag(acceptPriceChanges)
                .hex();
    }
}
