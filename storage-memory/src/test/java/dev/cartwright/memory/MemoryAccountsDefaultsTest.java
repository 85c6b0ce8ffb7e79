package dev.cartwright.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwright.Commerce;
import dev.cartwright.customer.Customer;
import org.junit.jupiter.api.Test;

/** The production defaults, wired end to end (slow on purpose: one real-cost hash). */
class MemoryAccountsDefaultsTest {

    @Test
    void aDefaultBuiltCommerceHashesPasswordsAt600000Iterations() {
        Commerce commerce = Commerce.builder().store(MemoryStore.create()).build();

        Customer ann = commerce.accounts().register("ann@example.com", "correct horse battery", "Ann");

        assertThat(ann.passwordHash()).startsWith("pbkdf2-sha256$600000$");
        assertThat(commerce.accounts().get(ann.id()).passwordHash()).isEqualTo(ann.passwordHash());
    }
}
