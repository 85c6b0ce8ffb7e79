package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.cart.GuestCart;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.customer.Customer;
import dev.cartwright.customer.Login;
import dev.cartwright.money.Money;
import dev.cartwright.order.Address;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderPaymentStatus;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.ShippingOption;
import dev.cartwright.pricing.ShippingOptions;
import dev.cartwright.pricing.TaxPolicy;
import dev.cartwright.store.SecretTokens;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * After a whole shop scenario (register, log in, check out with a card token, capture, refund, a guest's cart
 * checked out), reads every text column of every table in the store's schema and checks that no plain password,
 * no plain session token, no guest cart secret and no card-number-like run of 13 to 19 digits was stored.
 */
abstract class SecretsAtRestScenario {

    /**
     * A run of 13 to 19 digits standing alone (not inside a hex hash or base64 salt, which would match
     * by chance) that passes the Luhn check, as every card number does.
     */
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9A-Za-z])[0-9]{13,19}(?![0-9A-Za-z])");
    private static final String PASSWORD = "Correct horse battery staple 4111111111111111";
    private static final String EMAIL = "ada@example.com";

    /** @return the data source of a fresh, migrated and empty store's schema */
    protected abstract DataSource dataSource();

    /** @return the store over {@link #dataSource()} */
    protected abstract JdbcStore store();

    /** @return the SQL expression for the name of the connection's schema */
    protected String currentSchema() {
        return "CURRENT_SCHEMA";
    }

    @Test
    void noPasswordSessionTokenOrCardNumberIsStoredInAnyTextColumn() throws SQLException {
        Commerce commerce = Commerce.builder().store(store())
                .passwordIterations(1_000)
                .paymentGateway(new SimulatedPaymentGateway())
                .taxPolicy(TaxPolicy.builder().rate("DE", null, "standard", new BigDecimal("0.19")).build())
                .shippingOptions(ShippingOptions.builder()
                        .add(new ShippingOption("standard", "Standard", Map.of("DE", Money.of("4.90", "EUR")),
                                "standard"))
                        .build())
                .build();
        commerce.accounts().register(EMAIL, PASSWORD, "Ada Lovelace");
        Login login = commerce.accounts().login(EMAIL, PASSWORD);
        Customer customer = commerce.accounts().authenticate(login.token());
        Product product = commerce.catalog().create(NewProduct.of("MUG-1", "Mug", Money.of("10.00", "EUR")));
        commerce.inventory().receive(product.sku(), 10);
        Cart cart = commerce.carts().createFor(customer.id(), product.price().currency());
        cart = commerce.carts().add(CartAccess.customer(customer.id()), cart.id(), product.sku(), 2);
        Order order = commerce.checkout().placeOrder(CheckoutRequest.forCustomer(cart.id(), customer.id(),
                Address.of("Ada Lovelace", "Hauptstr. 1", "Berlin", "10115", "DE"), "standard",
                PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242"), "checkout-1"));
        commerce.backOffice().capture("alice", order.id(), Optional.empty());
        Order refunded = commerce.backOffice().refund("alice", order.id(), Money.of("5.00", "EUR"), Map.of());
        assertThat(refunded.paymentStatus()).isEqualTo(OrderPaymentStatus.PARTIALLY_REFUNDED);
        GuestCart guest = commerce.carts().create(product.price().currency());
        commerce.carts().add(guest.access(), guest.id(), product.sku(), 1);
        GuestCart unused = commerce.carts().create(product.price().currency());
        commerce.checkout().placeOrder(CheckoutRequest.forGuest(guest.id(), guest.access(), "guest@example.com",
                Address.of("Guest", "Hauptstr. 2", "Berlin", "10115", "DE"), "standard",
                PaymentMethod.of(SimulatedPaymentGateway.VISA, "visa", "4242"), "guest-checkout-1"));

        List<String> values = everyTextValue();

        assertThat(values).as("the scan reads the stored text").contains(EMAIL, "Mug", "checkout-1");
        assertThat(values).as("no value holds the plain password").noneMatch(value -> value.contains(PASSWORD));
        assertThat(values).as("no value holds the plain session token")
                .noneMatch(value -> value.contains(login.token()));
        assertThat(values).as("a guest cart's secret is stored as its hash")
                .contains(SecretTokens.hash(guest.secret()), SecretTokens.hash(unused.secret()));
        assertThat(values).as("no value holds a guest cart's secret")
                .noneMatch(value -> value.contains(guest.secret()) || value.contains(unused.secret()));
        assertThat(values).as("no value holds a card-number-like run of digits")
                .noneMatch(SecretsAtRestScenario::holdsCardNumber);
        assertThat(holdsCardNumber("pan 4111111111111111.")).as("the check finds a card number").isTrue();
        assertThat(holdsCardNumber("8184110703227a24")).as("hex digests are not card numbers").isFalse();
    }

    /** Every non-null value of every character column of the current schema, as "table.column=value". */
    private List<String> everyTextValue() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource().getConnection(); Statement sql = connection.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = " + currentSchema() + " AND (LOWER(data_type) LIKE 'char%'"
                    + " OR LOWER(data_type) IN ('varchar', 'text', 'mediumtext', 'json', 'jsonb'))")) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
            assertThat(columns).as("text columns found").extracting(column -> column[0] + "." + column[1])
                    .contains("customers.password_hash", "sessions.token_hash", "carts.guest_secret_hash",
                            "payments.method_token",
                            "outbox.payload");
            for (String[] column : columns) {
                try (ResultSet rows = sql.executeQuery("SELECT " + column[1] + " FROM " + column[0]
                        + " WHERE " + column[1] + " IS NOT NULL")) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
        }
        return values;
    }

    private static boolean holdsCardNumber(String value) {
        return CARD_NUMBER.matcher(value).results().anyMatch(match -> passesLuhn(match.group()));
    }

    private static boolean passesLuhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
