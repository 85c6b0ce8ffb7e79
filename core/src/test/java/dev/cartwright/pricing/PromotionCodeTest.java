package dev.cartwright.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.error.CommerceException;
import org.junit.jupiter.api.Test;

class PromotionCodeTest {

    @Test
    void codesMatchIgnoringCaseAndAreEqualByTheirKey() {
        assertThat(PromotionCode.of("welcome10")).isEqualTo(PromotionCode.of("WELCOME10"));
        assertThat(PromotionCode.of("Welcome10").key()).isEqualTo("WELCOME10");
        assertThat(PromotionCode.of("SAVE_5").matches("save_5")).isTrue();
        assertThat(PromotionCode.of("SAVE_5").matches("SAVE-5")).isFalse();
        assertThat(PromotionCode.of("SAVE_5").matches(null)).isFalse();
    }

    @Test
    void aTypedCodeMayBeAnyTextAndAKeyMustBeFolded() {
        assertThat(PromotionCode.of("bad code ü").key()).isEqualTo("BAD CODE Ü");
        assertThatThrownBy(() -> new PromotionCode("welcome10")).isInstanceOf(CommerceException.class)
                .hasMessageContaining("PromotionCode.of");
        assertThatThrownBy(() -> PromotionCode.of(null)).isInstanceOf(CommerceException.class);
    }
}
