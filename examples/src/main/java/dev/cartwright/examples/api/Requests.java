package dev.cartwright.examples.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON bodies the monolith accepts, one record each. Jackson fills them strictly (see {@link Json}); a field
 * left out is null, and the services say which required field is missing.
 */
final class Requests {

    private Requests() {
    }

    /** {@code POST /users}. */
    record Register(String email, String password, String name) {
    }

    /** {@code POST /sessions}; {@code cartId} is a guest cart to merge into the customer's cart. */
    record LogIn(String email, String password, String cartId) {
    }

    /** {@code POST /carts}; the currency defaults to the shop's. */
    record NewCart(String currency) {
    }

    /** A product and a quantity, by the id {@code GET /products} gives. */
    record Item(String id, Long quantity) {
    }

    /** {@code POST /carts/{id}/lines}. */
    record AddLine(String productId, Long quantity) {
    }

    /** {@code PATCH /carts/{id}/lines/{productId}}. */
    record ChangeQuantity(Long quantity) {
    }

    /** {@code POST /carts/{id}/promotion-codes}. */
    record PromotionCode(String code) {
    }

    /** A shipping address. */
    record Address(String name, String line1, String line2, String city, String postalCode, String country,
            String region) {
    }

    /** {@code POST /carts/{id}/checkout}: {@code email} for guests only; no {@code shippingOption} for pick-up. */
    record Checkout(String email, Address shippingAddress, String shippingOption, String paymentToken,
            Boolean acceptPriceChanges) {
    }

    /**
     * {@code POST /orders}, the shape the classic shop examples post; every field after {@code products} is
     * optional (defaults: pick-up at the shop, no shipping, {@code tok_visa}).
     */
    record PlaceOrder(String userId, List<Item> products, String paymentToken, Address shippingAddress,
            String shippingOption, List<String> promotionCodes) {
    }

    /** {@code POST /orders/{id}/payments}. */
    record Pay(String paymentToken) {
    }

    /** {@code POST /admin/products}; {@code currency} defaults to the shop's, {@code taxClass} to standard. */
    record NewProduct(String sku, String name, String description, BigDecimal price, String currency, String taxClass,
            Set<String> categories, Map<String, String> attributes) {
    }

    /** {@code PATCH /admin/products/{id}}: only the fields given change. */
    record ProductPatch(String name, String description, BigDecimal price, String taxClass, Set<String> categories,
            Map<String, String> attributes) {
    }

    /** {@code POST /admin/products/{id}/stock}: exactly one of {@code receive} (units arrived) or {@code adjust}. */
    record Stock(Long receive, Long adjust) {
    }

    /** {@code POST /admin/orders/{id}/capture}: no amount captures everything authorized. */
    record Capture(BigDecimal amount) {
    }

    /** {@code POST /admin/orders/{id}/fulfilment}: no lines ships everything not shipped yet. */
    record Fulfil(List<Item> lines, String carrier, String trackingNumber) {
    }

    /** {@code POST /admin/orders/{id}/refunds}: {@code restock} puts returned units back in stock. */
    record Refund(BigDecimal amount, List<Item> restock) {
    }
}
