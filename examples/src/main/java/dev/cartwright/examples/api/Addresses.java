package dev.cartwright.examples.api;

import dev.cartwright.order.Address;
import dev.cartwright.payment.PaymentMethod;
import java.util.Optional;

/** Turns request addresses and payment tokens into the domain's, with the defaults the simple routes use. */
final class Addresses {

    /** Where {@code POST /orders} ships when it names no address: pick-up at the shop. */
    static final Address PICK_UP = Address.of("Pick-up at the shop", "Wagnerstraße 1", "Berlin", "10115",
            DemoShop.HOME_COUNTRY);

    private Addresses() {
    }

    static Address of(Requests.Address body) {
        Params.required(body, "shippingAddress");
        return new Address(body.name(), body.line1(), body.line2() == null ? "" : body.line2(), body.city(),
                body.postalCode() == null ? "" : body.postalCode(), body.country(), Optional.ofNullable(body.region()));
    }

    static PaymentMethod payment(String token) {
        Params.required(token, "paymentToken");
        return PaymentMethod.of(token, "card", "0000");
    }
}
