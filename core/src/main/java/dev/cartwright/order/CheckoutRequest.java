package dev.cartwright.order;

import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.CartId;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.Validate;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.store.SecretTokens;
import java.util.Optional;

/**
 * Asks {@link Checkout} to turn a cart into an order and pay it. Immutable and thread-safe; a guest's secret
 * never appears in {@link #toString()}.
 *
 * @param cartId the active cart
 * @param cartAccess who buys: the logged-in customer, who must own the cart, or a guest with the cart's secret;
 *     the cart must admit it as {@link dev.cartwright.cart.Carts} does
 * @param email a guest's e-mail, required for a guest
 * @param shippingAddress where to ship; its country and region are the tax destination
 * @param shippingOptionId one of the shop's shipping options; empty to order without shipping
 * @param paymentMethod the gateway token and its display details
 * @param idempotencyKey the client's key for this checkout: a retry with it returns the same order and never
 *     charges twice; 1 to 200 characters
 * @param acceptPriceChanges whether lines whose catalog price changed since they were added are bought at the
 *     new price instead of failing with {@link PriceChangedException}
 */
public record CheckoutRequest(CartId cartId, CartAccess cartAccess, Optional<String> email,
        Address shippingAddress, Optional<String> shippingOptionId, PaymentMethod paymentMethod,
        String idempotencyKey, boolean acceptPriceChanges) {

    /**
     * Validates.
     *
     * @throws CommerceException {@code VALIDATION} naming the bad field
     */
    public CheckoutRequest {
        Validate.notNull(cartId, "cartId");
        Validate.notNull(cartAccess, "cartAccess");
        OrderChecks.buyer(customerOf(cartAccess), email);
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
        return new CheckoutRequest(cartId, CartAccess.customer(customer), Optional.empty(), address,
                Optional.ofNullable(shippingOptionId), paymentMethod, idempotencyKey, false);
    }

    /**
     * @param cartId the guest's cart
     * @param guest the guest's access, with the secret handed out with the cart
     * @param email the guest's e-mail
     * @param address where to ship
     * @param shippingOptionId how to ship
     * @param paymentMethod how to pay
     * @param idempotencyKey the client's key
     * @return a request that fails on changed prices
     */
    public static CheckoutRequest forGuest(CartId cartId, CartAccess.Guest guest, String email, Address address,
            String shippingOptionId, PaymentMethod paymentMethod, String idempotencyKey) {
        return new CheckoutRequest(cartId, guest, Optional.of(Validate.notNull(email, "email")), address,
                Optional.ofNullable(shippingOptionId), paymentMethod, idempotencyKey, false);
    }

    /** @return the same request, accepting changed prices */
    public CheckoutRequest acceptingPriceChanges() {
        return new CheckoutRequest(cartId, cartAccess, email, shippingAddress, shippingOptionId, paymentMethod,
                idempotencyKey, true);
    }

    /** @return the customer who buys; empty for a guest */
    public Optional<CustomerId> customerId() {
        return customerOf(cartAccess);
    }

    /**
     * The buyer stands where the customer always stood: a customer's id as before, a guest's secret as its
     * SHA-256 (never in clear). So a replay of a guest's key without the secret is a {@code CONFLICT} over a
     * different request, and never returns the guest's order.
     */
    String fingerprint() {
        return new RequestDigest("cart").text(cartId.value().toString()).text(buyerKey()).text(email)
                .address(shippingAddress).text(shippingOptionId).payment(paymentMethod).flag(acceptPriceChanges)
                .hex();
    }

    private String buyerKey() {
        if (cartAccess instanceof CartAccess.Customer customer) {
            return customer.customerId().value().toString();
        }
        return SecretTokens.hash(((CartAccess.Guest) cartAccess).secret());
    }

    private static Optional<CustomerId> customerOf(CartAccess access) {
        return access instanceof CartAccess.Customer customer ? Optional.of(customer.customerId()) : Optional.empty();
    }
}
