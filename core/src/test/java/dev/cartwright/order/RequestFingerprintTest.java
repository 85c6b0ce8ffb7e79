package dev.cartwright.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.catalog.Sku;
import dev.cartwright.payment.PaymentMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A request's fingerprint tells every two different requests apart, whatever their fields hold. */
class RequestFingerprintTest {

    private static final PaymentMethod CARD = PaymentMethod.of("tok_visa", "visa", "4242");

    @Test
    void theSameRequestHasTheSameFingerprint() {
        assertThat(request(Address.of("Ada", "Main St 1", "Berlin", "10115", "DE"), List.of("SAVE"))
                .fingerprint())
                .isEqualTo(request(Address.of("Ada", "Main St 1", "Berlin", "10115", "DE"), List.of("SAVE"))
                        .fingerprint());
    }

    @Test
    void fieldsWhoseTextsJoinAlikeStillDiffer() {
        // Printed as records, both addresses read "Address[name=Ada, line1=Main St 1, line1=X, ...]".
        Address shifted = Address.of("Ada, line1=Main St 1", "X", "Berlin", "10115", "DE");
        Address plain = Address.of("Ada", "Main St 1, line1=X", "Berlin", "10115", "DE");

        assertThat(request(shifted, List.of()).fingerprint()).isNotEqualTo(request(plain, List.of()).fingerprint());
    }

    @Test
    void codesSplitDifferentlyDiffer() {
        assertThat(request(Address.of("Ada", "Main St 1", "Berlin", "10115", "DE"), List.of("A", "B"))
                .fingerprint())
                .isNotEqualTo(request(Address.of("Ada", "Main St 1", "Berlin", "10115", "DE"), List.of("A, B"))
                        .fingerprint());
    }

    private static DirectOrderRequest request(Address address, List<String> codes) {
        return new DirectOrderRequest(Map.of(Sku.of("MUG-1"), 2L), codes, Optional.empty(),
                Optional.of("ada@example.com"), address, Optional.empty(), CARD, "key-1");
    }
}
