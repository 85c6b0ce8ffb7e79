package dev.cartwright.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.error.CommerceException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccountSettingsTest {

    @Test
    void defaultsArePbkdf2At600000IterationsAndThirtyMinutesIdleWithinThirtyDays() {
        AccountSettings defaults = AccountSettings.defaults();

        assertThat(defaults.passwordHasher()).isInstanceOfSatisfying(Pbkdf2PasswordHasher.class,
                hasher -> assertThat(hasher.iterations()).isEqualTo(600_000));
        assertThat(defaults.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.sessionLifetime()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void durationsMustBePositive() {
        AccountSettings defaults = AccountSettings.defaults();
        assertThatThrownBy(() -> defaults.withSessionIdleTimeout(Duration.ZERO)).isInstanceOf(CommerceException.class);
        assertThatThrownBy(() -> defaults.withSessionLifetime(Duration.ofSeconds(-1))).isInstanceOf(CommerceException.class);
        assertThatThrownBy(() -> defaults.withSessionLifetime(null)).isInstanceOf(CommerceException.class);
        assertThatThrownBy(() -> defaults.withPasswordHasher(null)).isInstanceOf(CommerceException.class);
    }

    @Test
    void secretsStayOutOfToString() {
        Instant now = Instant.parse("2026-03-01T09:00:00Z");
        Customer customer = new Customer(new CustomerId(java.util.UUID.randomUUID()), Email.of("ann@example.com"),
                "Ann", "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", 0, now, now);
        Login login = new Login(customer, "s3cr3t-token-value-that-must-not-be-logged", now);

        assertThat(customer.toString()).contains("ann@example.com").doesNotContain("pbkdf2").doesNotContain("c2FsdHNhbHRzYWx0c2FsdA");
        assertThat(login.toString()).contains("ann@example.com").doesNotContain("s3cr3t");
    }
}
