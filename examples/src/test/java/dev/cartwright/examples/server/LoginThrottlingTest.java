package dev.cartwright.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cartwright.Commerce;
import dev.cartwright.customer.PasswordHasher;
import dev.cartwright.examples.api.LoginLimits;
import dev.cartwright.examples.api.LoginThrottle;
import dev.cartwright.examples.api.ShopApi;
import dev.cartwright.memory.MemoryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits on password guessing and hashing, over real HTTP on the monolith's server ({@link ApiServer}), with the
 * default {@link LoginLimits}, a clock the test moves, and a password hasher that counts its work. Requests come
 * from two loopback addresses, {@code 127.0.0.1} and {@code 127.0.0.2}, as two clients would.
 */
class LoginThrottlingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";
    private static final String HOME = "127.0.0.1";
    private static final String OFFICE = "127.0.0.2";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final CountingHasher hasher = new CountingHasher(PasswordHasher.pbkdf2(1_000));
    private ApiServer server;

    private void start(ShopApi.Builder api) {
        server = ApiServer.start(api.build(), 0, 64 * 1024);
    }

    private ShopApi.Builder api() {
        MemoryStore store = MemoryStore.create();
        Ticker ticker = nanos::get;
        return ShopApi.builder(Commerce.builder().store(store).passwordHasher(hasher).build(), store)
                .adminToken("test-admin-token").loginThrottle(LoginThrottle.inProcess(LoginLimits.DEFAULT, ticker));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void advance(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    @Test
    void theSixthWrongPasswordIsRefused429WithRetryAfterAndHashesNothing() {
        start(api());
        register(HOME, "ada@example.com").expect(201);
        for (int attempt = 1; attempt <= 5; attempt++) {
            logIn(HOME, "ada@example.com", "wrong password " + attempt).expect(401);
        }
        int hashedBefore = hasher.calls();
        Reply refused = logIn(HOME, "ada@example.com", "wrong password 6");
        refused.problem(429, "TOO_MANY_REQUESTS");
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        Reply rightButTooSoon = logIn(OFFICE, " ADA@example.com ", PASSWORD);
        rightButTooSoon.problem(429, "TOO_MANY_REQUESTS");
        assertThat(hasher.calls()).as("a refused attempt hashes nothing").isEqualTo(hashedBefore);

        advance(Duration.ofSeconds(60));
        logIn(HOME, "ada@example.com", PASSWORD).expect(201);
        for (int attempt = 1; attempt <= 5; attempt++) {
            logIn(HOME, "ada@example.com", "wrong again " + attempt).expect(401);
        }
        logIn(HOME, "ada@example.com", "one too many").problem(429, "TOO_MANY_REQUESTS");
    }

    @Test
    void threeHundredGuessesLockTheOwnerOutForThreeMinutesAtMost() {
        start(api());
        register(HOME, "grace@example.com").expect(201);
        int failures = 0;
        int refusals = 0;
        for (int guess = 1; guess <= 300; guess++) {
            Reply reply = logIn(HOME, "grace@example.com", "guess number " + guess);
            if (reply.status() == 429) {
                refusals++;
                long wait = Long.parseLong(reply.header("Retry-After"));
                assertThat(wait).as("guess %d", guess).isBetween(1L, 180L);
                if (guess % 10 == 0) {
                    advance(Duration.ofSeconds(wait));
                }
            } else {
                reply.expect(401);
                failures++;
            }
        }
        long minutes = Duration.ofNanos(nanos.get() - 1_000_000_000L).toMinutes();
        assertThat(failures).as("failures checked in %d minutes: 20 at most, and one for every 3 minutes", minutes)
                .isGreaterThanOrEqualTo(20).isLessThanOrEqualTo(20 + (int) (minutes / 3));
        assertThat(refusals).isEqualTo(300 - failures);
        assertThat(hasher.calls()).as("one hashing per failure checked, plus the registration")
                .isEqualTo(failures + 1);
        Reply owner = logIn(OFFICE, "grace@example.com", PASSWORD);
        if (owner.status() == 429) {
            advance(Duration.ofSeconds(Long.parseLong(owner.header("Retry-After"))));
            owner = logIn(OFFICE, "grace@example.com", PASSWORD);
        }
        owner.expect(201);
    }

    @Test
    void anAddressGuessingAcrossAccountsIsRefusedAndAnotherAddressIsNot() {
        start(api());
        for (int account = 1; account <= 50; account++) {
            logIn(HOME, "nobody" + account + "@example.com", PASSWORD).expect(401);
        }
        Reply refused = logIn(HOME, "nobody51@example.com", PASSWORD);
        refused.problem(429, "TOO_MANY_REQUESTS");
        assertThat(refused.header("Retry-After")).isEqualTo("18");
        register(HOME, "new@example.com").problem(429, "TOO_MANY_REQUESTS");

        logIn(OFFICE, "nobody51@example.com", PASSWORD).expect(401);
        register(OFFICE, "new@example.com").expect(201);
        logIn(OFFICE, "new@example.com", PASSWORD).expect(201);

        advance(Duration.ofSeconds(18));
        logIn(HOME, "nobody51@example.com", PASSWORD).expect(401);
    }

    @Test
    void registrationsSpendTheAddresssBudgetAndInvalidOnesDoNot() {
        start(api());
        for (int invalid = 1; invalid <= 60; invalid++) {
            Reply reply = post(HOME, "/users", Map.of("email", "short" + invalid + "@example.com", "password", "short",
                    "name", "S"));
            reply.problem(400, "VALIDATION");
        }
        for (int account = 1; account <= 50; account++) {
            register(HOME, "customer" + account + "@example.com").expect(201);
        }
        int hashedBefore = hasher.calls();
        Reply refused = register(HOME, "customer51@example.com");
        refused.problem(429, "TOO_MANY_REQUESTS");
        assertThat(refused.header("Retry-After")).isEqualTo("18");
        assertThat(hasher.calls()).isEqualTo(hashedBefore);
        logIn(HOME, "customer1@example.com", PASSWORD).as("the address's budget is spent, whatever the password")
                .problem(429, "TOO_MANY_REQUESTS");
        logIn(OFFICE, "customer1@example.com", PASSWORD).expect(201);
    }

    @Test
    void noFreeSlotToHashInIs503WithRetryAfterRatherThanAQueue() throws Exception {
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(api().hashingSlots(1, Duration.ofMillis(200)));
        register(HOME, "ada@example.com").expect(201);
        hasher.holdNextVerify(hashing, release);
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(
                () -> logIn(HOME, "ada@example.com", PASSWORD));
        try {
            assertThat(hashing.await(10, TimeUnit.SECONDS)).as("the first login is hashing").isTrue();
            Reply busy = logIn(OFFICE, "eve@example.com", PASSWORD);
            busy.problem(503, "SERVICE_UNAVAILABLE");
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            register(OFFICE, "bob@example.com").problem(503, "SERVICE_UNAVAILABLE");
        } finally {
            release.countDown();
        }
        first.get(10, TimeUnit.SECONDS).expect(201);
        for (int attempt = 1; attempt <= 5; attempt++) {
            logIn(OFFICE, "eve@example.com", "never registered " + attempt).as("the busy attempt was given back")
                    .expect(401);
        }
        logIn(OFFICE, "eve@example.com", "one too many").problem(429, "TOO_MANY_REQUESTS");
    }

    private Reply register(String from, String email) {
        return post(from, "/users", Map.of("email", email, "password", PASSWORD, "name", "N"));
    }

    private Reply logIn(String from, String email, String password) {
        return post(from, "/sessions", Map.of("email", email, "password", password));
    }

    /** Posts JSON over a socket bound to {@code from}, so the server sees that address as the caller's. */
    private Reply post(String from, String path, Map<String, String> body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            String json = JSON.writeValueAsString(body);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String[] answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .split("\r\n\r\n", 2);
            String[] head = answer[0].split("\r\n");
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim(), head[i].substring(colon + 1).trim());
            }
            return new Reply(Integer.parseInt(head[0].split(" ")[1]), headers, answer.length > 1 ? answer[1] : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Reply(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }

        Reply expect(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return this;
        }

        Reply as(String description) {
            assertThat(body).as(description).isNotNull();
            return this;
        }

        void problem(int expected, String code) {
            expect(expected);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            try {
                JsonNode problem = JSON.readTree(body);
                assertThat(problem.get("code").asText()).isEqualTo(code);
                assertThat(problem.get("status").asInt()).isEqualTo(expected);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** Counts every hashing and verification; can hold one verification until the test lets it go. */
    private static final class CountingHasher implements PasswordHasher {

        private final PasswordHasher hasher;
        private final AtomicInteger calls = new AtomicInteger();
        private volatile CountDownLatch[] hold;

        CountingHasher(PasswordHasher hasher) {
            this.hasher = hasher;
        }

        int calls() {
            return calls.get();
        }

        void holdNextVerify(CountDownLatch started, CountDownLatch release) {
            hold = new CountDownLatch[] {started, release};
        }

        @Override
        public String hash(String password) {
            calls.incrementAndGet();
            return hasher.hash(password);
        }

        @Override
        public boolean verify(String password, String encodedHash) {
            calls.incrementAndGet();
            CountDownLatch[] held = hold;
            if (held != null) {
                hold = null;
                held[0].countDown();
                try {
                    held[1].await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return hasher.verify(password, encodedHash);
        }

        @Override
        public boolean needsRehash(String encodedHash) {
            return hasher.needsRehash(encodedHash);
        }

        @Override
        public String toString() {
            return "counting " + hasher.toString().toLowerCase(Locale.ROOT);
        }
    }
}
