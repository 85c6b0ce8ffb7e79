package dev.cartwright.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import org.junit.jupiter.api.Test;

class EmailTest {

    @Test
    void stripsSurroundingWhitespaceAndLowerCases() {
        assertThat(Email.of(" \t Ann.Lee+Shop@Example.COM \n").value()).isEqualTo("ann.lee+shop@example.com");
    }

    @Test
    void lowerCasesIndependentlyOfTheDefaultLocale() {
        // In a Turkish locale "I".toLowerCase() is a dotless i; Locale.ROOT must be used.
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertThat(Email.of("INFO@EXAMPLE.COM").value()).isEqualTo("info@example.com");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void spellingsOfOneAddressAreEqual() {
        assertThat(Email.of(" Ann@Example.COM ")).isEqualTo(Email.of("ann@example.com"));
        assertThat(Email.of(" Ann@Example.COM ")).hasSameHashCodeAs(Email.of("ann@example.com"));
    }

    @Test
    void rejectsWhatIsNotAnAddress() {
        for (String malformed : new String[] {"", " ", "ann", "ann@", "@example.com", "a@b@c", "a@@b",
                "a b@example.com", "a@exa mple.com", "a\u0007@example.com", "a\u200B@example.com",
                "a\u2028b@example.com", "a\u3000b@example.com"}) {
            assertThatThrownBy(() -> Email.of(malformed))
                    .as(malformed)
                    .isInstanceOfSatisfying(CommerceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e.field()).contains("email");
                    });
        }
        assertThatThrownBy(() -> Email.of(null)).isInstanceOf(CommerceException.class);
    }

    @Test
    void aRefusalSaysWhichRuleTheAddressBreaks() {
        assertThatThrownBy(() -> Email.of("  ")).hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> Email.of("@example.com")).hasMessageContaining("a local part and a domain");
        assertThatThrownBy(() -> Email.of("ann@")).hasMessageContaining("a local part and a domain");
        assertThatThrownBy(() -> Email.of("ann.example.com")).hasMessageContaining("exactly one '@'");
    }

    @Test
    void acceptsUpTo254Characters() {
        String longest = "a".repeat(64) + "@" + "b".repeat(189);
        assertThat(Email.of("  " + longest + "  ").value()).hasSize(254);
        assertThatThrownBy(() -> Email.of(longest + "b")).isInstanceOf(CommerceException.class);
    }

    @Test
    void normalisationIsIdempotent() {
        qt().withGenerateAttempts(100_000)
                .forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 20), strings().basicLatinAlphabet().ofLengthBetween(1, 20))
                .assuming((local, domain) -> isAddress(local + "@" + domain))
                .check((local, domain) -> {
                    Email once = Email.of(local + "@" + domain);
                    return Email.of(once.value()).equals(once) && once.value().equals(once.value().strip());
                });
    }

    private static boolean isAddress(String text) {
        try {
            Email.of(text);
            return true;
        } catch (CommerceException e) {
            return false;
        }
    }
}
