package dev.cartwright.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cartwright.Commerce;
import dev.cartwright.customer.Customer;
import dev.cartwright.customer.CustomerId;
import dev.cartwright.customer.Email;
import dev.cartwright.customer.Login;
import dev.cartwright.customer.PasswordHasher;
import dev.cartwright.customer.Session;
import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Behaviour of {@code Accounts} and of the customer and session repositories, on any store. */
public abstract class AccountsContract extends StoreContract {

    private static final String PASSWORD = "correct horse battery";
    private static final String OTHER_PASSWORD = "staple fishbowl quartz";

    private Customer registerAnn() {
        return commerce.accounts().register("ann@example.com", PASSWORD, "Ann");
    }

    private static CommerceException failure(ThrowingCallable call) {
        Throwable failure = catchThrowable(call);
        assertThat(failure).as("expected a CommerceException").isInstanceOf(CommerceException.class);
        return (CommerceException) failure;
    }

    private static void assertInvalid(String field, ThrowingCallable call) {
        CommerceException failure = failure(call);
        assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(failure.field()).contains(field);
    }

    private static void assertUnauthenticated(ThrowingCallable call) {
        assertThat(failure(call).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    private static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private Optional<Session> storedSession(String tokenHash) {
        return store.inTransaction(transaction -> transaction.sessions().findByTokenHash(tokenHash));
    }

    @Test
    void registerNormalisesTheEmailAndKeepsTheNameAsGiven() {
        Customer customer = commerce.accounts().register("  Ann.Lee@Example.COM ", PASSWORD, "  Ann Lee ");

        assertThat(customer.email().value()).isEqualTo("ann.lee@example.com");
        assertThat(customer.name()).isEqualTo("  Ann Lee ");
        assertThat(customer.createdAt()).isEqualTo(START);
        assertThat(customer.passwordHash()).doesNotContain(PASSWORD);
        assertThat(commerce.accounts().get(customer.id())).isEqualTo(customer);
    }

    @Test
    void registeredCustomerLogsInAndTheTokenAuthenticatesThem() {
        Customer ann = registerAnn();

        Login login = commerce.accounts().login("ann@example.com", PASSWORD);

        assertThat(login.customer().id()).isEqualTo(ann.id());
        assertThat(login.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(login.expiresAt()).isEqualTo(START.plus(Duration.ofDays(30)));
        assertThat(commerce.accounts().authenticate(login.token()).id()).isEqualTo(ann.id());
    }

    @Test
    void loginNormalisesTheEmailLikeRegistration() {
        Customer ann = registerAnn();

        assertThat(commerce.accounts().login(" ANN@example.com", PASSWORD).customer().id()).isEqualTo(ann.id());
    }

    @Test
    void eachLoginGetsItsOwnToken() {
        registerAnn();

        String first = commerce.accounts().login("ann@example.com", PASSWORD).token();
        String second = commerce.accounts().login("ann@example.com", PASSWORD).token();

        assertThat(first).isNotEqualTo(second);
        assertThat(commerce.accounts().authenticate(first).email()).isEqualTo(Email.of("ann@example.com"));
        assertThat(commerce.accounts().authenticate(second).email()).isEqualTo(Email.of("ann@example.com"));
    }

    @Test
    void anEmailDifferingOnlyInCaseAndSurroundingSpaceIsAlreadyTaken() {
        commerce.accounts().register(" Ann@Example.COM ", PASSWORD, "Ann");

        CommerceException failure = failure(() -> commerce.accounts().register("ann@example.com", OTHER_PASSWORD, "Other Ann"));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.field()).contains("email");
        assertThat(commerce.accounts().login("ann@example.com", PASSWORD).customer().name()).isEqualTo("Ann");
    }

    @Test
    void registerRejectsMalformedEmails() {
        List<String> malformed = new ArrayList<>(List.of("", "   ", "ann.example.com", "ann@@example.com",
                "ann@example@com", "@example.com", "ann@", "an n@example.com", "ann@exam\tple.com",
                "ann\u0000@example.com", "ann\u200B@example.com", "ann\u00A0x@example.com"));
        malformed.add("a".repeat(243) + "@example.com"); // 255 characters
        for (String email : malformed) {
            assertInvalid("email", () -> commerce.accounts().register(email, PASSWORD, "Ann"));
        }
        assertInvalid("email", () -> commerce.accounts().register(null, PASSWORD, "Ann"));
    }

    @Test
    void anEmailOfExactlyTheMaximumLengthIsAccepted() {
        String email = "a".repeat(242) + "@example.com"; // 254 characters

        assertThat(commerce.accounts().register(email, PASSWORD, "Ann").email().value()).hasSize(254);
    }

    @Test
    void registerEnforcesThePasswordLengthInCodePoints() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        assertInvalid("password", () -> commerce.accounts().register("a@example.com", null, "Ann"));
        assertInvalid("password", () -> commerce.accounts().register("a@example.com", "x".repeat(11), "Ann"));
        assertInvalid("password", () -> commerce.accounts().register("a@example.com", emoji.repeat(11), "Ann"));
        assertInvalid("password", () -> commerce.accounts().register("a@example.com", "x".repeat(129), "Ann"));
        assertInvalid("password", () -> commerce.accounts().register("a@example.com", emoji.repeat(129), "Ann"));

        commerce.accounts().register("b@example.com", "x".repeat(12), "Ann");
        commerce.accounts().register("c@example.com", emoji.repeat(12), "Ann");
        commerce.accounts().register("d@example.com", emoji.repeat(128), "Ann");
        assertThat(commerce.accounts().login("d@example.com", emoji.repeat(128)).customer().name()).isEqualTo("Ann");
    }

    @Test
    void registerRejectsMissingOrOverlongNames() {
        assertInvalid("name", () -> commerce.accounts().register("a@example.com", PASSWORD, null));
        assertInvalid("name", () -> commerce.accounts().register("a@example.com", PASSWORD, ""));
        assertInvalid("name", () -> commerce.accounts().register("a@example.com", PASSWORD, "   "));
        assertInvalid("name", () -> commerce.accounts().register("a@example.com", PASSWORD, "n".repeat(201)));

        assertThat(commerce.accounts().register("a@example.com", PASSWORD, "n".repeat(200)).name()).hasSize(200);
    }

    @Test
    void aRejectedRegistrationStoresNothing() {
        assertInvalid("password", () -> commerce.accounts().register("ann@example.com", "short", "Ann"));
        assertInvalid("name", () -> commerce.accounts().register("ann@example.com", PASSWORD, ""));

        assertThat(registerAnn().email().value()).isEqualTo("ann@example.com");
    }

    @Test
    void wrongPasswordAndUnknownEmailFailAlike() {
        registerAnn();

        CommerceException wrongPassword = failure(() -> commerce.accounts().login("ann@example.com", OTHER_PASSWORD));
        CommerceException unknownEmail = failure(() -> commerce.accounts().login("bob@example.com", PASSWORD));
        CommerceException malformedEmail = failure(() -> commerce.accounts().login("not an email", PASSWORD));
        CommerceException emptyPassword = failure(() -> commerce.accounts().login("ann@example.com", ""));

        for (CommerceException failure : List.of(wrongPassword, unknownEmail, malformedEmail, emptyPassword)) {
            assertThat(failure.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
            assertThat(failure.getMessage()).isEqualTo("invalid email or password");
            assertThat(failure.field()).isEmpty();
        }
    }

    @Test
    void anUnknownEmailStillCostsOnePasswordVerification() {
        registerAnn();
        PasswordHasher real = PasswordHasher.pbkdf2(TEST_PASSWORD_ITERATIONS);
        AtomicInteger verifications = new AtomicInteger();
        PasswordHasher counting = new PasswordHasher() {
            @Override
            public String hash(String password) {
                return real.hash(password);
            }

            @Override
            public boolean verify(String password, String encodedHash) {
                verifications.incrementAndGet();
                return real.verify(password, encodedHash);
            }

            @Override
            public boolean needsRehash(String encodedHash) {
                return real.needsRehash(encodedHash);
            }
        };
        Commerce counted = Commerce.builder().store(store).clock(clock).passwordHasher(counting).build();

        assertUnauthenticated(() -> counted.accounts().login("bob@example.com", PASSWORD));
        assertThat(verifications).hasValue(1);
        assertUnauthenticated(() -> counted.accounts().login("not an email", PASSWORD));
        assertThat(verifications).hasValue(2);
        assertUnauthenticated(() -> counted.accounts().login("ann@example.com", OTHER_PASSWORD));
        assertThat(verifications).hasValue(3);
    }

    @Test
    void loginRejectsMissingArguments() {
        assertInvalid("email", () -> commerce.accounts().login(null, PASSWORD));
        assertInvalid("password", () -> commerce.accounts().login("ann@example.com", null));
    }

    @Test
    void unknownMissingOrMalformedTokensDoNotAuthenticate() {
        registerAnn();
        commerce.accounts().login("ann@example.com", PASSWORD);

        assertUnauthenticated(() -> commerce.accounts().authenticate(null));
        assertUnauthenticated(() -> commerce.accounts().authenticate(""));
        assertUnauthenticated(() -> commerce.accounts().authenticate("not a token"));
        assertUnauthenticated(() -> commerce.accounts().authenticate("A".repeat(43)));
    }

    @Test
    void theTokenIsStoredOnlyAsItsSha256() {
        Customer ann = registerAnn();
        String token = commerce.accounts().login("ann@example.com", PASSWORD).token();

        assertThat(storedSession(token)).isEmpty();
        Session session = storedSession(sha256Hex(token)).orElseThrow();
        assertThat(session.customerId()).isEqualTo(ann.id());
        assertThat(session.tokenHash()).isEqualTo(sha256Hex(token)).doesNotContain(token);
        assertThat(session.createdAt()).isEqualTo(START);
        assertThat(session.expiresAt()).isEqualTo(START.plus(Duration.ofDays(30)));
    }

    @Test
    void aSessionLeftIdleForTheTimeoutEnds() {
        registerAnn();
        String token = commerce.accounts().login("ann@example.com", PASSWORD).token();

        clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        commerce.accounts().authenticate(token);
        clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        commerce.accounts().authenticate(token);
        clock.advance(Duration.ofMinutes(30));

        assertUnauthenticated(() -> commerce.accounts().authenticate(token));
        assertThat(storedSession(sha256Hex(token))).as("an expired session is removed when presented").isEmpty();
    }

    @Test
    void useOfASessionIsRecordedAtMostAboutOnceAMinute() {
        registerAnn();
        String token = commerce.accounts().login("ann@example.com", PASSWORD).token();

        clock.advance(Duration.ofSeconds(30));
        commerce.accounts().authenticate(token);
        assertThat(storedSession(sha256Hex(token)).orElseThrow().lastSeenAt()).isEqualTo(START);

        clock.advance(Duration.ofSeconds(31));
        commerce.accounts().authenticate(token);
        assertThat(storedSession(sha256Hex(token)).orElseThrow().lastSeenAt()).isEqualTo(START.plusSeconds(61));
    }

    @Test
    void aSessionEndsAtItsLifetimeHoweverActive() {
        registerAnn();
        Commerce shortLived = Commerce.builder().store(store).clock(clock)
                .passwordIterations(TEST_PASSWORD_ITERATIONS).sessionLifetime(Duration.ofHours(2)).build();
        Login login = shortLived.accounts().login("ann@example.com", PASSWORD);
        assertThat(login.expiresAt()).isEqualTo(START.plus(Duration.ofHours(2)));

        for (int step = 0; step < 5; step++) {
            clock.advance(Duration.ofMinutes(20));
            shortLived.accounts().authenticate(login.token());
        }
        clock.advance(Duration.ofMinutes(19));
        shortLived.accounts().authenticate(login.token());
        clock.advance(Duration.ofMinutes(1));

        assertUnauthenticated(() -> shortLived.accounts().authenticate(login.token()));
    }

    @Test
    void theDefaultLifetimeIsThirtyDays() {
        registerAnn();
        Commerce patient = Commerce.builder().store(store).clock(clock)
                .passwordIterations(TEST_PASSWORD_ITERATIONS).sessionIdleTimeout(Duration.ofDays(365)).build();
        String token = patient.accounts().login("ann@example.com", PASSWORD).token();

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        patient.accounts().authenticate(token);
        clock.advance(Duration.ofSeconds(1));

        assertUnauthenticated(() -> patient.accounts().authenticate(token));
    }

    @Test
    void purgingRemovesExactlyTheEndedSessions() {
        registerAnn();
        Commerce shortLived = Commerce.builder().store(store).clock(clock).passwordIterations(TEST_PASSWORD_ITERATIONS)
                .sessionIdleTimeout(Duration.ofMinutes(30)).sessionLifetime(Duration.ofHours(1)).build();
        String idle = shortLived.accounts().login("ann@example.com", PASSWORD).token();
        String pastLifetime = shortLived.accounts().login("ann@example.com", PASSWORD).token();
        clock.advance(Duration.ofMinutes(25));
        shortLived.accounts().authenticate(pastLifetime);
        String live = shortLived.accounts().login("ann@example.com", PASSWORD).token();
        clock.advance(Duration.ofMinutes(25));
        shortLived.accounts().authenticate(pastLifetime);
        shortLived.accounts().authenticate(live);
        clock.advance(Duration.ofMinutes(10)); // an hour after the first two logins

        assertThat(shortLived.accounts().purgeExpiredSessions()).isEqualTo(2);

        assertThat(storedSession(sha256Hex(idle))).isEmpty();
        assertThat(storedSession(sha256Hex(pastLifetime))).isEmpty();
        assertThat(storedSession(sha256Hex(live))).isPresent();
        assertThat(shortLived.accounts().authenticate(live).email().value()).isEqualTo("ann@example.com");
        assertThat(shortLived.accounts().purgeExpiredSessions()).isZero();
    }

    @Test
    void logoutEndsOnlyThatSessionAndIsIdempotent() {
        registerAnn();
        String phone = commerce.accounts().login("ann@example.com", PASSWORD).token();
        String laptop = commerce.accounts().login("ann@example.com", PASSWORD).token();

        commerce.accounts().logout(phone);

        assertUnauthenticated(() -> commerce.accounts().authenticate(phone));
        assertThat(storedSession(sha256Hex(phone))).isEmpty();
        assertThat(commerce.accounts().authenticate(laptop).email().value()).isEqualTo("ann@example.com");
        assertThatCode(() -> commerce.accounts().logout(phone)).doesNotThrowAnyException();
        assertThatCode(() -> commerce.accounts().logout("garbage")).doesNotThrowAnyException();
        assertInvalid("token", () -> commerce.accounts().logout(null));
    }

    @Test
    void changingThePasswordEndsOtherSessionsButKeepsTheCurrentOne() {
        Customer ann = registerAnn();
        String current = commerce.accounts().login("ann@example.com", PASSWORD).token();
        String other = commerce.accounts().login("ann@example.com", PASSWORD).token();
        Customer bob = commerce.accounts().register("bob@example.com", PASSWORD, "Bob");
        String bobs = commerce.accounts().login("bob@example.com", PASSWORD).token();

        Customer changed = commerce.accounts().changePassword(ann.id(), PASSWORD, OTHER_PASSWORD, current);

        assertThat(changed.version()).isEqualTo(ann.version() + 1);
        assertThat(commerce.accounts().get(ann.id())).isEqualTo(changed);
        assertThat(commerce.accounts().authenticate(current).id()).isEqualTo(ann.id());
        assertUnauthenticated(() -> commerce.accounts().authenticate(other));
        assertThat(commerce.accounts().authenticate(bobs).id()).isEqualTo(bob.id());
        assertUnauthenticated(() -> commerce.accounts().login("ann@example.com", PASSWORD));
        assertThat(commerce.accounts().login("ann@example.com", OTHER_PASSWORD).customer().id()).isEqualTo(ann.id());
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        Customer ann = registerAnn();
        String current = commerce.accounts().login("ann@example.com", PASSWORD).token();
        String other = commerce.accounts().login("ann@example.com", PASSWORD).token();

        assertUnauthenticated(() -> commerce.accounts().changePassword(ann.id(), "not my password", OTHER_PASSWORD, current));

        assertThat(commerce.accounts().authenticate(other).id()).isEqualTo(ann.id());
        assertThat(commerce.accounts().get(ann.id())).isEqualTo(ann);
        assertThat(commerce.accounts().login("ann@example.com", PASSWORD).customer().id()).isEqualTo(ann.id());
    }

    @Test
    void changingThePasswordNeedsALiveSessionOfThatCustomer() {
        Customer ann = registerAnn();
        commerce.accounts().register("bob@example.com", PASSWORD, "Bob");
        String bobs = commerce.accounts().login("bob@example.com", PASSWORD).token();
        String anns = commerce.accounts().login("ann@example.com", PASSWORD).token();
        commerce.accounts().logout(anns);

        assertUnauthenticated(() -> commerce.accounts().changePassword(ann.id(), PASSWORD, OTHER_PASSWORD, bobs));
        assertUnauthenticated(() -> commerce.accounts().changePassword(ann.id(), PASSWORD, OTHER_PASSWORD, anns));
        assertUnauthenticated(() -> commerce.accounts().changePassword(ann.id(), PASSWORD, OTHER_PASSWORD, "garbage"));
        assertThat(commerce.accounts().get(ann.id())).isEqualTo(ann);
    }

    @Test
    void anIdleSessionCannotChangeThePassword() {
        Customer ann = registerAnn();
        String token = commerce.accounts().login("ann@example.com", PASSWORD).token();
        clock.advance(Duration.ofMinutes(31));

        assertUnauthenticated(() -> commerce.accounts().changePassword(ann.id(), PASSWORD, OTHER_PASSWORD, token));
        assertThat(commerce.accounts().get(ann.id())).isEqualTo(ann);
    }

    @Test
    void aShortIdleTimeoutRecordsUseAfterHalfOfIt() {
        registerAnn();
        Commerce quick = Commerce.builder().store(store).clock(clock).passwordIterations(TEST_PASSWORD_ITERATIONS)
                .sessionIdleTimeout(Duration.ofSeconds(40)).build();
        String token = quick.accounts().login("ann@example.com", PASSWORD).token();

        clock.advance(Duration.ofSeconds(20));
        quick.accounts().authenticate(token);
        assertThat(storedSession(sha256Hex(token)).orElseThrow().lastSeenAt()).isEqualTo(START.plusSeconds(20));
        clock.advance(Duration.ofSeconds(30));
        assertThat(quick.accounts().authenticate(token).email()).isEqualTo(Email.of("ann@example.com"));
    }

    @Test
    void changePasswordValidatesItsArguments() {
        Customer ann = registerAnn();
        String token = commerce.accounts().login("ann@example.com", PASSWORD).token();

        assertInvalid("customerId", () -> commerce.accounts().changePassword(null, PASSWORD, OTHER_PASSWORD, token));
        assertInvalid("currentPassword", () -> commerce.accounts().changePassword(ann.id(), null, OTHER_PASSWORD, token));
        assertInvalid("newPassword", () -> commerce.accounts().changePassword(ann.id(), PASSWORD, null, token));
        assertInvalid("newPassword", () -> commerce.accounts().changePassword(ann.id(), PASSWORD, "short", token));
        assertInvalid("newPassword", () -> commerce.accounts().changePassword(ann.id(), PASSWORD, "x".repeat(129), token));
        assertInvalid("currentToken", () -> commerce.accounts().changePassword(ann.id(), PASSWORD, OTHER_PASSWORD, null));
        CustomerId nobody = new CustomerId(UUID.randomUUID());
        assertThat(failure(() -> commerce.accounts().changePassword(nobody, PASSWORD, OTHER_PASSWORD, token)).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(commerce.accounts().get(ann.id())).isEqualTo(ann);
    }

    @Test
    void getFailsForAnUnknownCustomer() {
        assertThat(failure(() -> commerce.accounts().get(new CustomerId(UUID.randomUUID()))).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertInvalid("customerId", () -> commerce.accounts().get(null));
    }

    @Test
    void loginUpgradesAHashMadeWithFewerIterations() {
        Customer ann = registerAnn();
        assertThat(ann.passwordHash()).startsWith("pbkdf2-sha256$" + TEST_PASSWORD_ITERATIONS + "$");
        int raised = TEST_PASSWORD_ITERATIONS * 2;
        Commerce stronger = Commerce.builder().store(store).clock(clock).passwordIterations(raised).build();
        clock.advance(Duration.ofMinutes(5));

        Login login = stronger.accounts().login("ann@example.com", PASSWORD);

        Customer stored = commerce.accounts().get(ann.id());
        assertThat(login.customer()).isEqualTo(stored);
        assertThat(stored.passwordHash()).startsWith("pbkdf2-sha256$" + raised + "$");
        assertThat(stored.version()).isEqualTo(ann.version() + 1);
        assertThat(stored.updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        // The weaker hasher still reads the stronger hash, and does not downgrade it.
        commerce.accounts().login("ann@example.com", PASSWORD);
        assertThat(commerce.accounts().get(ann.id())).isEqualTo(stored);
    }

    @Test
    void concurrentLoginsDuringAHashUpgradeAllSucceed() throws Exception {
        Customer ann = registerAnn();
        int raised = TEST_PASSWORD_ITERATIONS * 2;
        Commerce stronger = Commerce.builder().store(store).clock(clock).passwordIterations(raised).build();
        int threads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Login>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return stronger.accounts().login("ann@example.com", PASSWORD);
                }));
            }
            start.countDown();

            for (Future<Login> result : results) {
                String token = result.get(30, TimeUnit.SECONDS).token();
                assertThat(commerce.accounts().authenticate(token).id()).isEqualTo(ann.id());
            }
            Customer stored = commerce.accounts().get(ann.id());
            assertThat(stored.passwordHash()).startsWith("pbkdf2-sha256$" + raised + "$");
            assertThat(stored.version()).isEqualTo(ann.version() + 1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void loginDoesNotRewriteAHashThatIsStrongEnough() {
        Customer ann = registerAnn();

        commerce.accounts().login("ann@example.com", PASSWORD);

        assertThat(commerce.accounts().get(ann.id())).isEqualTo(ann);
    }

    @Test
    void concurrentRegistrationsOfOneEmailLetExactlyOneSucceed() throws Exception {
        int threads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Customer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String email = i % 2 == 0 ? "ann@example.com" : " ANN@Example.com";
                String password = PASSWORD + " " + i;
                Callable<Customer> registration = () -> {
                    start.await();
                    return commerce.accounts().register(email, password, "Ann " + password.substring(PASSWORD.length() + 1));
                };
                results.add(executor.submit(registration));
            }
            start.countDown();

            List<Customer> winners = new ArrayList<>();
            int conflicts = 0;
            for (Future<Customer> result : results) {
                try {
                    winners.add(result.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(CommerceException.class);
                    assertThat(((CommerceException) e.getCause()).code()).isEqualTo(ErrorCode.CONFLICT);
                    conflicts++;
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(conflicts).isEqualTo(threads - 1);
            Customer winner = winners.get(0);
            String winningPassword = PASSWORD + " " + winner.name().substring("Ann ".length());
            assertThat(commerce.accounts().login("ann@example.com", winningPassword).customer()).isEqualTo(winner);
        } finally {
            executor.shutdownNow();
        }
    }
}
