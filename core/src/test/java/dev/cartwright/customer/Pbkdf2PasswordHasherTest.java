package dev.cartwright.customer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pbkdf2PasswordHasherTest {

    private static final int FAST = Pbkdf2PasswordHasher.MIN_ITERATIONS;
    private final PasswordHasher hasher = PasswordHasher.pbkdf2(FAST);

    @Test
    void theDefaultCostIsOwasps600000Iterations() {
        assertThat(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(600_000);
        assertThat(((Pbkdf2PasswordHasher) PasswordHasher.pbkdf2()).iterations()).isEqualTo(600_000);
    }

    @Test
    void aDefaultHasherWritesItsCostIntoTheHash() {
        String encoded = PasswordHasher.pbkdf2().hash("correct horse battery");

        assertThat(encoded).startsWith("pbkdf2-sha256$600000$");
        assertThat(PasswordHasher.pbkdf2().verify("correct horse battery", encoded)).isTrue();
    }

    @Test
    void theEncodingCarriesAlgorithmCostSaltAndA256BitHash() {
        String[] parts = hasher.hash("correct horse battery").split("\\$");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo(String.valueOf(FAST));
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String encoded = hasher.hash("correct horse battery");

        assertThat(hasher.verify("correct horse battery", encoded)).isTrue();
        assertThat(hasher.verify("correct horse batterY", encoded)).isFalse();
        assertThat(hasher.verify("", encoded)).isFalse();
        assertThat(hasher.verify("correct horse battery ", encoded)).isFalse();
    }

    @Test
    void handlesPasswordsOutsideAscii() {
        String password = "p\u00E4ssw\u00F6rd \uD83D\uDE00 \u5BC6\u7801";
        String encoded = hasher.hash(password);

        assertThat(hasher.verify(password, encoded)).isTrue();
        assertThat(hasher.verify("p\u00E4ssw\u00F6rd \uD83D\uDE01 \u5BC6\u7801", encoded)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        String first = hasher.hash("correct horse battery");
        String second = hasher.hash("correct horse battery");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.split("\\$")[2]).isNotEqualTo(second.split("\\$")[2]);
        assertThat(hasher.verify("correct horse battery", second)).isTrue();
    }

    @Test
    void verifiesHashesMadeAtAnotherCost() {
        String encoded = PasswordHasher.pbkdf2(FAST * 3).hash("correct horse battery");

        assertThat(hasher.verify("correct horse battery", encoded)).isTrue();
    }

    @Test
    void malformedHashesAreRejectedWithoutAnException() {
        String good = hasher.hash("correct horse battery");
        String[] parts = good.split("\\$");
        List<String> malformed = List.of("", "$$$", "plaintext", "pbkdf2-sha256$1000$", parts[0] + "$" + parts[1] + "$" + parts[2],
                good + "$extra", "bcrypt$" + parts[1] + "$" + parts[2] + "$" + parts[3],
                parts[0] + "$-1$" + parts[2] + "$" + parts[3], parts[0] + "$0$" + parts[2] + "$" + parts[3],
                parts[0] + "$abc$" + parts[2] + "$" + parts[3], parts[0] + "$999999999$" + parts[2] + "$" + parts[3],
                parts[0] + "$2147483648$" + parts[2] + "$" + parts[3],
                parts[0] + "$" + parts[1] + "$not*base64$" + parts[3], parts[0] + "$" + parts[1] + "$" + parts[2] + "$",
                parts[0] + "$" + parts[1] + "$" + parts[2] + "$QQ");
        for (String encoded : malformed) {
            assertThat(hasher.verify("correct horse battery", encoded)).as(encoded).isFalse();
            assertThat(hasher.needsRehash(encoded)).as(encoded).isTrue();
        }
    }

    @Test
    void needsRehashWhenTheStoredCostIsLowerThanConfigured() {
        String weak = PasswordHasher.pbkdf2(FAST).hash("correct horse battery");
        String strong = PasswordHasher.pbkdf2(FAST * 2).hash("correct horse battery");

        assertThat(PasswordHasher.pbkdf2(FAST * 2).needsRehash(weak)).isTrue();
        assertThat(PasswordHasher.pbkdf2(FAST * 2).needsRehash(strong)).isFalse();
        assertThat(PasswordHasher.pbkdf2(FAST).needsRehash(strong)).isFalse();
        assertThat(PasswordHasher.pbkdf2(FAST).needsRehash(weak)).isFalse();
    }

    @Test
    void rejectsCostsOutOfRangeAndNullArguments() {
        for (int iterations : new int[] {0, -1, Pbkdf2PasswordHasher.MIN_ITERATIONS - 1, Pbkdf2PasswordHasher.MAX_ITERATIONS + 1}) {
            assertThatThrownBy(() -> PasswordHasher.pbkdf2(iterations))
                    .isInstanceOfSatisfying(CommerceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e.field()).contains("iterations");
                    });
        }
        assertThatThrownBy(() -> hasher.hash(null)).isInstanceOf(CommerceException.class);
        assertThatThrownBy(() -> hasher.verify(null, "x")).isInstanceOf(CommerceException.class);
        assertThatThrownBy(() -> hasher.verify("x", null)).isInstanceOf(CommerceException.class);
        assertThatThrownBy(() -> hasher.needsRehash(null)).isInstanceOf(CommerceException.class);
    }

    @Test
    void comparesHashesInConstantTime() {
        JavaClasses hasherClasses = new ClassFileImporter().importClasses(Pbkdf2PasswordHasher.class);

        classes().that().haveSimpleName("Pbkdf2PasswordHasher")
                .should().callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
                .check(hasherClasses);
        noClasses().should().callMethod(Arrays.class, "equals", byte[].class, byte[].class)
                .orShould().callMethod(String.class, "equals", Object.class)
                .check(hasherClasses);
    }

    @Test
    void storedHashesAreReadAtTheEdgesOfTheirRanges() throws Exception {
        String password = "correct horse battery";
        byte[] salt = new byte[16];
        javax.crypto.SecretKeyFactory factory = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] oneRound = factory.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, 1, 256))
                .getEncoded();
        assertThat(hasher.verify(password, encoded(1, salt, oneRound))).as("one iteration").isTrue();

        PasswordHasher strongest = PasswordHasher.pbkdf2(Pbkdf2PasswordHasher.MAX_ITERATIONS);
        assertThat(strongest.needsRehash(encoded(Pbkdf2PasswordHasher.MAX_ITERATIONS, salt, new byte[32])))
                .as("the most iterations").isFalse();
        for (int length : new int[] {8, 64}) {
            assertThat(hasher.needsRehash(encoded(FAST, new byte[length], new byte[32]))).as("salt of %d", length).isFalse();
            assertThat(hasher.needsRehash(encoded(FAST, salt, new byte[length]))).as("hash of %d", length)
                    .isEqualTo(length < 32);
        }
        for (int length : new int[] {7, 65}) {
            assertThat(hasher.needsRehash(encoded(FAST, new byte[length], new byte[32]))).as("salt of %d", length).isTrue();
            assertThat(hasher.needsRehash(encoded(FAST, salt, new byte[length]))).as("hash of %d", length).isTrue();
        }
        assertThat(hasher.needsRehash(encoded(FAST, salt, new byte[16]))).as("a short hash").isTrue();
    }

    private static String encoded(int iterations, byte[] salt, byte[] hash) {
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        return "pbkdf2-sha256$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }
}
