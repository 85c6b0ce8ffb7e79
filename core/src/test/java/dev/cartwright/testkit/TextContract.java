package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwright.cart.Cart;
import dev.cartwright.cart.CartAccess;
import dev.cartwright.catalog.NewProduct;
import dev.cartwright.catalog.Product;
import dev.cartwright.catalog.ProductChanges;
import dev.cartwright.catalog.ProductQuery;
import dev.cartwright.catalog.Sku;
import dev.cartwright.customer.Customer;
import dev.cartwright.inventory.StockLevel;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import dev.cartwright.error.Validate;
import dev.cartwright.order.Address;
import dev.cartwright.order.CheckoutRequest;
import dev.cartwright.order.DirectOrderRequest;
import dev.cartwright.order.Order;
import dev.cartwright.order.OrderTransition;
import dev.cartwright.order.Shipment;
import dev.cartwright.payment.PaymentMethod;
import dev.cartwright.payment.SimulatedPaymentGateway;
import dev.cartwright.pricing.Discount;
import dev.cartwright.pricing.NewPromotion;
import dev.cartwright.pricing.Promotion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Text that callers give the core, on any store: U+0000 and unpaired UTF-16 surrogates are refused as
 * {@code VALIDATION} naming the field before anything is written (PostgreSQL cannot store U+0000 and writes a lone
 * surrogate as {@code ?}, H2 keeps both), and every other text, however hostile, is stored and read back exactly.
 */
public abstract class TextContract extends OrderFixtures {

    /** Texts no store keeps alike, each with some ordinary text around the bad character. */
    protected static final List<String> UNSTORABLE = List.of(
            "nul\u0000inside",
            "high \uD800 alone",
            "low \uDC00 alone",
            "ends high \uD83D",
            "pair reversed \uDE00\uD83D");

    /**
     * Texts that must come back exactly: SQL and markup, quotes, bidirectional marks and overrides, emoji and other
     * 4-byte UTF-8 as surrogate pairs, U+FFFD, control characters, escapes and wildcards. Each is short enough for
     * the shortest free-text field (a postal code, 20 characters).
     */
    protected static final List<String> HOSTILE = List.of(
            "'; DROP TABLE x;--",
            "<script>x</script>",
            "\"dq\" 'sq' `bq`",
            "\u202Eevil\u202C \u200F\u200E\u061C",
            "\uD83D\uDE00\uD83C\uDF89 \uD834\uDD1E \uD83D\uDC68\u200D\uD83D\uDC69",
            "\uFFFD replaced \uFFFD",
            "\u0001\u0007\u001B[31m\u007F",
            "back\\slash %_ ?",
            "ｆｕｌｌ ωιδτη ñ");

    @Test
    void unstorableTextIsRefusedNamingTheFieldAndNothingIsWritten() {
        Product mug = givenStockedProduct("MUG", "10.00", 5);
        Customer ann = commerce.accounts().register("ann@example.com", "correct horse", "Ann");
        Promotion promotion = commerce.promotions().create(
                NewPromotion.withCode("SPRING", "Spring", new Discount.PercentageOff(new BigDecimal("10")), START));
        Cart cart = cartOf(ann.id(), "MUG", 1L);
        Order order = placeDirect(ann.id(), "MUG", 1, SimulatedPaymentGateway.VISA);
        StockLevel stock = commerce.inventory().level(mug.sku());
        Map<String, Function<String, Object>> calls = callsGivingText(mug, ann, promotion, cart, order);

        for (String bad : UNSTORABLE) {
            calls.forEach((field, call) -> {
                CommerceException failure = catchThrowableOfType(CommerceException.class, () -> call.apply(bad));
                assertThat(failure).as("%s given %s", field, escaped(bad)).isNotNull();
                assertThat(failure.code()).as("%s given %s", field, escaped(bad)).isEqualTo(ErrorCode.VALIDATION);
                assertThat(failure.field()).as("%s given %s", field, escaped(bad))
                        .contains(field.substring(field.lastIndexOf(' ') + 1));
                // The message may quote the value, but only as text that can be logged and sent as JSON.
                Validate.text(failure.getMessage(), "message of " + field);
            });
        }

        assertThat(commerce.catalog().get(mug.id())).isEqualTo(mug);
        assertThat(commerce.catalog().list(ProductQuery.all().includingArchived()).items()).containsExactly(mug);
        assertThat(commerce.inventory().level(mug.sku())).isEqualTo(stock);
        assertThat(commerce.accounts().get(ann.id())).isEqualTo(ann);
        assertThat(commerce.promotions().get(promotion.id())).isEqualTo(promotion);
        assertThat(commerce.promotions().timesUsedBy(promotion.id(), ann.id())).isZero();
        assertThat(commerce.carts().get(ownerOf(cart), cart.id())).isEqualTo(cart);
        assertThat(commerce.backOffice().get(order.id())).isEqualTo(order);
        assertThat(commerce.orders().list(ann.id(), Optional.empty(), 10)).containsExactly(order);
    }

    /**
     * One call through the public API per field that takes text, keyed {@code "<what> <field named>"}; each is
     * given the text to pass in that field, the others valid.
     */
    private Map<String, Function<String, Object>> callsGivingText(Product mug, Customer ann, Promotion promotion,
            Cart cart, Order order) {
        Map<String, Function<String, Object>> calls = new LinkedHashMap<>();
        calls.put("new product sku", text -> commerce.catalog().create(NewProduct.of(text, "Mug", eur("1"))));
        calls.put("new product name", text -> commerce.catalog().create(NewProduct.of("NEW", text, eur("1"))));
        calls.put("new product description", text -> commerce.catalog().create(
                NewProduct.of("NEW", "Mug", eur("1")).withDescription(text)));
        calls.put("new product taxClass", text -> commerce.catalog().create(
                NewProduct.of("NEW", "Mug", eur("1")).withTaxClass(text)));
        calls.put("new product categories", text -> commerce.catalog().create(
                NewProduct.of("NEW", "Mug", eur("1")).withCategories(Set.of(text))));
        calls.put("attribute key attributes", text -> commerce.catalog().create(
                NewProduct.of("NEW", "Mug", eur("1")).withAttributes(Map.of(text, "v"))));
        calls.put("attribute value attributes", text -> commerce.catalog().create(
                NewProduct.of("NEW", "Mug", eur("1")).withAttributes(Map.of("k", text))));
        calls.put("product change name", text -> commerce.catalog().update(mug.id(),
                ProductChanges.none().withName(text)));
        calls.put("product change description", text -> commerce.catalog().update(mug.id(),
                ProductChanges.none().withDescription(text)));
        calls.put("search text", text -> commerce.catalog().list(ProductQuery.all().containing(text)));
        calls.put("search category", text -> commerce.catalog().list(ProductQuery.all().inCategory(text)));
        calls.put("search cursor", text -> commerce.catalog().list(ProductQuery.all().withCursor(text)));

        calls.put("register email", text -> commerce.accounts().register(text + "@example.com", "correct horse", "Bo"));
        calls.put("register password", text -> commerce.accounts().register("bo@example.com", text + "-long", "Bo"));
        calls.put("register name", text -> commerce.accounts().register("bo@example.com", "correct horse", text));
        calls.put("password change newPassword", text -> commerce.accounts().changePassword(ann.id(), "correct horse",
                text + "-long", "no-session"));

        calls.put("promotion name", text -> commerce.promotions().create(
                NewPromotion.withCode("NEW", text, new Discount.PercentageOff(BigDecimal.ONE), START)));
        calls.put("promotion code", text -> commerce.promotions().create(
                NewPromotion.withCode(text, "New", new Discount.PercentageOff(BigDecimal.ONE), START)));
        calls.put("find promotion code", text -> commerce.promotions().findByCode(text));
        calls.put("redeem reference", text -> commerce.promotions().redeem(promotion.id(), Optional.of(ann.id()), text));
        calls.put("release reference", text -> commerce.promotions().release(text));

        calls.put("cart code code", text -> commerce.carts().applyPromotionCode(ownerOf(cart), cart.id(), text));
        calls.put("cart code removed code", text -> commerce.carts().removePromotionCode(ownerOf(cart), cart.id(), text));
        calls.put("guest secret cartSecret", text -> commerce.carts().get(CartAccess.guest(text), cart.id()));

        calls.put("direct order promotionCodes[1]", text -> commerce.checkout().placeOrder(new DirectOrderRequest(
                Map.of(mug.sku(), 1L), List.of("SPRING", text), Optional.of(ann.id()), Optional.empty(), ADDRESS,
                Optional.of("standard"), card(SimulatedPaymentGateway.VISA), "direct-key")));
        calls.put("guest order email", text -> commerce.checkout().placeOrder(new DirectOrderRequest(
                Map.of(mug.sku(), 1L), List.of(), Optional.empty(), Optional.of(text + "@example.com"), ADDRESS,
                Optional.of("standard"), card(SimulatedPaymentGateway.VISA), "guest-key")));
        calls.put("direct order idempotencyKey", text -> commerce.checkout().placeOrder(
                direct(ann.id(), "MUG", 1, SimulatedPaymentGateway.VISA, text)));
        calls.put("direct order shippingOption", text -> commerce.checkout().placeOrder(new DirectOrderRequest(
                Map.of(mug.sku(), 1L), List.of(), Optional.of(ann.id()), Optional.empty(), ADDRESS,
                Optional.of(text), card(SimulatedPaymentGateway.VISA), "option-key")));
        calls.put("cart checkout idempotencyKey", text -> commerce.checkout().placeOrder(
                checkoutOf(cart, ann.id(), SimulatedPaymentGateway.VISA, text)));
        calls.put("address name", text -> checkoutTo(cart, ann, new Address(text, "l1", "", "c", "1", "DE",
                Optional.empty())));
        calls.put("address line1", text -> checkoutTo(cart, ann, new Address("n", text, "", "c", "1", "DE",
                Optional.empty())));
        calls.put("address line2", text -> checkoutTo(cart, ann, new Address("n", "l1", text, "c", "1", "DE",
                Optional.empty())));
        calls.put("address city", text -> checkoutTo(cart, ann, new Address("n", "l1", "", text, "1", "DE",
                Optional.empty())));
        calls.put("address postalCode", text -> checkoutTo(cart, ann, new Address("n", "l1", "", "c", text, "DE",
                Optional.empty())));
        calls.put("address country", text -> checkoutTo(cart, ann, new Address("n", "l1", "", "c", "1", text,
                Optional.empty())));
        calls.put("address region", text -> checkoutTo(cart, ann, new Address("n", "l1", "", "c", "1", "DE",
                Optional.of(text))));
        calls.put("payment method paymentToken", text -> commerce.checkout().placeOrder(
                direct(ann.id(), "MUG", 1, text, "token-key")));
        calls.put("payment method brand", text -> commerce.checkout().placeOrder(new DirectOrderRequest(
                Map.of(mug.sku(), 1L), List.of(), Optional.of(ann.id()), Optional.empty(), ADDRESS,
                Optional.of("standard"), PaymentMethod.of(SimulatedPaymentGateway.VISA, text, "4242"), "brand-key")));
        calls.put("pay again idempotencyKey", text -> commerce.checkout().pay(CartAccess.customer(ann.id()),
                order.id(), card(SimulatedPaymentGateway.VISA), text));
        calls.put("payments by reference reference", text -> commerce.payments().findByReference(text));

        calls.put("capture staff", text -> commerce.backOffice().capture(text, order.id(), Optional.empty()));
        calls.put("capture operationKey", text -> commerce.backOffice().capture("Sam", order.id(), Optional.empty(),
                text));
        calls.put("fulfil carrier", text -> commerce.backOffice().fulfil("Sam", order.id(), Map.of(mug.sku(), 1L),
                text, "T1"));
        calls.put("fulfil trackingNumber", text -> commerce.backOffice().fulfil("Sam", order.id(),
                Map.of(mug.sku(), 1L), "DHL", text));
        calls.put("refund operationKey", text -> commerce.backOffice().refund("Sam", order.id(), eur("1.00"),
                Map.of(), text));
        calls.put("cancel staff", text -> commerce.backOffice().cancel(text, order.id()));
        return calls;
    }

    private Order checkoutTo(Cart cart, Customer customer, Address address) {
        return commerce.checkout().placeOrder(CheckoutRequest.forCustomer(cart.id(), customer.id(), address,
                "standard", card(SimulatedPaymentGateway.VISA), "address-key"));
    }

    @Test
    void hostileTextIsStoredAndReadBackExactly() {
        givenStockedProduct("PLAIN", "10.00", 100);
        List<Product> products = new ArrayList<>();
        List<Customer> customers = new ArrayList<>();
        List<Promotion> promotions = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            products.add(commerce.catalog().create(NewProduct.of("H-" + i, text, eur("1.00")).withDescription(text)
                    .withAttributes(Map.of(text, text))));
            customers.add(commerce.accounts().register("c" + i + "@example.com", text + " password", text));
            promotions.add(commerce.promotions().create(NewPromotion.withCode("H" + i, text,
                    new Discount.PercentageOff(BigDecimal.ONE), START)));
            Order placed = commerce.checkout().placeOrder(new DirectOrderRequest(Map.of(Sku.of("PLAIN"), 1L),
                    List.of(), Optional.empty(), Optional.of(text + "@example.com"),
                    new Address(text, text, text, text, text, "DE", Optional.empty()), Optional.of("standard"),
                    PaymentMethod.of(SimulatedPaymentGateway.VISA, text, "4242"), text + i));
            orders.add(commerce.backOffice().fulfil(text, placed.id(), Map.of(Sku.of("PLAIN"), 1L), text, text));
        }

        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            String as = "hostile text #" + i + " " + escaped(text);
            Product product = commerce.catalog().get(products.get(i).id());
            assertThat(product.name()).as(as).isEqualTo(text);
            assertThat(product.description()).as(as).isEqualTo(text);
            assertThat(product.attributes()).as(as).isEqualTo(Map.of(text, text));
            assertThat(commerce.catalog().list(ProductQuery.all().containing(text)).items()).as(as).contains(product);
            assertThat(commerce.accounts().get(customers.get(i).id()).name()).as(as).isEqualTo(text);
            assertThat(commerce.accounts().login("c" + i + "@example.com", text + " password").customer().id())
                    .as(as).isEqualTo(customers.get(i).id());
            assertThat(commerce.promotions().get(promotions.get(i).id()).name()).as(as).isEqualTo(text);

            Order order = commerce.backOffice().get(orders.get(i).id());
            assertThat(order).as(as).isEqualTo(orders.get(i));
            assertThat(order.email()).as(as).contains(text + "@example.com");
            assertThat(order.shippingAddress()).as(as)
                    .isEqualTo(new Address(text, text, text, text, text, "DE", Optional.empty()));
            assertThat(order.idempotencyKey()).as(as).isEqualTo(text + i);
            Shipment shipment = order.shipments().get(0);
            assertThat(List.of(shipment.carrier(), shipment.trackingNumber())).as(as).containsOnly(text);
            assertThat(order.history()).as(as).extracting(OrderTransition::actor).contains("staff:" + text);
            assertThat(commerce.payments().get(order.paymentId()).method().brand()).as(as).isEqualTo(text);
        }
    }

    @Test
    void aReplacementCharacterIsAnEmailCharacterButALoneSurrogateIsNot() {
        Customer replaced = commerce.accounts().register("\uFFFD@x.co", "correct horse", "Replaced");
        assertThat(commerce.accounts().get(replaced.id()).email().value()).isEqualTo("\uFFFD@x.co");
        Customer emoji = commerce.accounts().register("\uD83D\uDE00@x.co", "correct horse", "Emoji");
        assertThat(commerce.accounts().get(emoji.id()).email().value()).isEqualTo("\uD83D\uDE00@x.co");

        CommerceException failure = catchThrowableOfType(CommerceException.class,
                () -> commerce.accounts().register("\uD800@x.co", "correct horse", "Lone"));
        assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(failure.field()).contains("email");
        assertThat(commerce.accounts().login("\uFFFD@x.co", "correct horse").customer()).isEqualTo(
                commerce.accounts().get(replaced.id()));
    }

    /** @return the text with every character outside printable ASCII as a Java escape, for failure messages */
    protected static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        return out.toString();
    }
}
