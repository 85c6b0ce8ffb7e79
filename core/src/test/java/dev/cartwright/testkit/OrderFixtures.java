package dev.cartwright.testkit;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.inventory.Reservation;
import dev.cartwright.inventory.ReservationId;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.FulfillmentStatus;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderLine;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.order.OrderStatus;
import dev.cartwright.order.OrderTotals;
import dev.cartwright.order.OrderTransition;
import dev.cartwright.payment.Payment;
import dev.cartwright.payment.PaymentId;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.PromotionId;
import dev.cartwright.pricing.ShippingOption;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * An unpaid order staged as an earlier version stored it, with its pending payment.
     *
     * @param order the order, {@code PENDING_PAYMENT}, its line holding a reservation
     * @param payment its payment, {@code PENDING}
     */
    protected record HeldOrder(Order order, Payment payment) {
    }

    /**
     * Stages, in one transaction, an unpaid order of one line as versions before checkout sold the stock at once
     * stored it: the line's units held in a reservation that lapses at twice the payment window (as placement
     * reserved them), a {@code PENDING} payment of the {@value SimulatedPaymentGateway#VISA} card under the key
     * placement gave the gateway ({@code order:<id>:payment:1}), and the {@code PENDING_PAYMENT} order whose line
     * carries the reservation's id. Such rows are what an upgrade finds; the order paths that sell, release or
     * cancel reservations exist for them. The line is priced at the product's price with no tax and no shipping.
     *
     * @param customer the buyer
     * @param sku the SKU of a stocked product
     * @param quantity how many, at most its units available
     * @return the order and its payment, as stored
     */
    protected HeldOrder givenOrderHoldingAReservation(CustomerId customer, String sku, long quantity) {
        return givenOrderHoldingAReservation(customer, sku, quantity, Optional.empty(), Money.zero(EUR));
    }

    /**
     * As {@link #givenOrderHoldingAReservation(CustomerId, String, long)}, with a promotion's use redeemed for the
     * order and its discount on the line, as placement redeemed it.
     *
     * @param customer the buyer
     * @param sku the SKU of a stocked product
     * @param quantity how many, at most its units available
     * @param promotion the promotion whose use the order took, if any
     * @param discount the discount it gave the line
     * @return the order and its payment, as stored
     */
    protected HeldOrder givenOrderHoldingAReservation(CustomerId customer, String sku, long quantity,
            Optional<PromotionId> promotion, Money discount) {
        Product product = commerce.catalog().findBySku(Sku.of(sku)).orElseThrow();
        Instant now = clock.instant();
        OrderId orderId = new OrderId(UUID.randomUUID());
        Reservation reservation = new Reservation(new ReservationId(UUID.randomUUID()), product.sku(), quantity,
                now.plus(PAYMENT_TIMEOUT.multipliedBy(2)), now);
        Money subtotal = product.price().times(quantity);
        Money zero = Money.zero(EUR);
        Money total = subtotal.minus(discount);
        OrderLine line = new OrderLine(product.sku(), product.id(), product.name(), product.price(), quantity,
                subtotal, discount, zero, total, reservation.id());
        Payment payment = Payment.start(new PaymentId(UUID.randomUUID()), orderId.toString(), total,
                card(SimulatedPaymentGateway.VISA), "order:" + orderId + ":payment:1", now);
        Order order = new Order(orderId, Optional.of(customer), Optional.empty(), Optional.empty(), EUR, List.of(line),
                new OrderTotals(subtotal, discount, zero, zero, zero, total, false), ADDRESS, Optional.empty(),
                "staged-" + orderId, "staged", OrderStatus.PENDING_PAYMENT, OrderPaymentStatus.PENDING,
                FulfillmentStatus.UNFULFILLED, Optional.of(payment.id()), List.of(),
                List.of(new OrderTransition("NEW", OrderStatus.PENDING_PAYMENT.name(), now, "customer:" + customer)), 1,
                now, now.plus(PAYMENT_TIMEOUT));
        store.inTransaction(transaction -> {
            if (!transaction.stock().tryReserveAll(List.of(reservation), now).recorded()) {
                throw new AssertionError("not enough " + sku + " to stage an order of " + quantity);
            }
            promotion.ifPresent(id -> {
                if (!transaction.promotions().tryRedeem(id, Optional.of(customer), orderId.toString(), now)) {
                    throw new AssertionError("promotion " + id + " is used up");
                }
            });
            transaction.orders().insert(order);
            transaction.payments().insert(payment);
            return null;
        });
        return new HeldOrder(order, payment);
    }
}
