package dev.cartwright.testkit;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.ShippingOption;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The shop that the order contracts run in: German VAT, one shipping option, a simulated gateway and a
 * 30-minute payment window; plus helpers to stock products and place orders through the public API.
 */
public abstract class OrderFixtures extends StoreContract {

    /** The order contracts' currency. */
    protected static final Currency EUR = Currency.getInstance("EUR");
    /** The payment window the contracts configure. */
    protected static final Duration PAYMENT_TIMEOUT = Duration.ofMinutes(30);
    /** Where the contracts ship. */
    protected static final Address ADDRESS = Address.of("Ada Lovelace", "Hauptstr. 1", "Berlin", "10115", "DE");

    /** The gateway, to count what it did. */
    protected SimulatedPaymentGateway gateway;

    @Override
    protected Commerce.Builder configure(Commerce.Builder builder) {
        gateway = new SimulatedPaymentGateway();
        return super.configure(builder)
                .paymentGateway(gateway)
                .orderPaymentTimeout(PAYMENT_TIMEOUT)
                .taxPolicy(TaxPolicy.builder().rate("DE", null, "standard", new BigDecimal("0.19")).build())
                .shippingOptions(ShippingOptions.builder()
                        .add(new ShippingOption("standard", "Standard", Map.of("DE", eur("4.90")), "standard"))
                        .build());
    }

    /**
     * @param amount such as {@code "12.50"}
     * @return that many euros
     */
    protected static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    /**
     * @param token a {@link SimulatedPaymentGateway} token
     * @return a payment method with it
     */
    protected static PaymentMethod card(String token) {
        return PaymentMethod.of(token, "visa", "4242");
    }

    /**
     * Puts an active product with stock into the store.
     *
     * @param sku its SKU
     * @param price its price
     * @param stock the units on hand
     * @return the product
     */
    protected Product givenStockedProduct(String sku, String price, long stock) {
        Product product = commerce.catalog().create(NewProduct.of(sku, "Product " + sku, eur(price)));
        commerce.inventory().receive(product.sku(), stock);
        return product;
    }

    /** @return a new customer's id */
    protected static CustomerId newCustomer() {
        return new CustomerId(UUID.randomUUID());
    }

    /**
     * @param customer the owner
     * @param lines SKU and quantity pairs, such as {@code "A", 2L}
     * @return the customer's filled cart
     */
    protected Cart cartOf(CustomerId customer, Object... lines) {
        Cart cart = commerce.carts().createFor(customer, EUR);
        for (int i = 0; i < lines.length; i += 2) {
            cart = commerce.carts().add(CartAccess.customer(customer), cart.id(), Sku.of((String) lines[i]),
                    (Long) lines[i + 1]);
        }
        return cart;
    }

    /**
     * @param cart a customer's cart
     * @return its customer's access
     */
    protected static CartAccess ownerOf(Cart cart) {
        return CartAccess.customer(cart.customerId().orElseThrow());
    }

    /**
     * @param cart the customer's cart
     * @param customer the customer
     * @param token the payment token
     * @param key the idempotency key
     * @return the checkout request
     */
    protected static CheckoutRequest checkoutOf(Cart cart, CustomerId customer, String token, String key) {
        return CheckoutRequest.forCustomer(cart.id(), customer, ADDRESS, "standard", card(token), key);
    }

    /**
     * @param customer the buyer
     * @param sku a SKU
     * @param quantity how many
     * @param token the payment token
     * @param key the idempotency key
     * @return a cart-less order request
     */
    protected static DirectOrderRequest direct(CustomerId customer, String sku, long quantity, String token,
            String key) {
        return new DirectOrderRequest(Map.of(Sku.of(sku), quantity), List.of(), Optional.of(customer),
                Optional.empty(), ADDRESS, Optional.of("standard"), card(token), key);
    }

    /**
     * Places and pays an order of one SKU.
     *
     * @param customer the buyer
     * @param sku a SKU
     * @param quantity how many
     * @param token the payment token
     * @return the order
     */
    protected Order placeDirect(CustomerId customer, String sku, long quantity, String token) {
        return commerce.checkout().placeOrder(direct(customer, sku, quantity, token, UUID.randomUUID().toString()));
    }

    /**
     * Pays a customer's order again, as its customer.
     *
     * @param order the order, placed by a customer
     * @param method the payment method
     * @param key the idempotency key
     * @return the order
     */
    protected Order payAgain(Order order, PaymentMethod method, String key) {
        return commerce.checkout().pay(CartAccess.customer(order.customerId().orElseThrow()), order.id(), method, key);
    }

    /**
     * @param order an order
     * @return its current payment
     */
    protected Payment paymentOf(Order order) {
        return commerce.payments().get(order.paymentId());
    }
}
