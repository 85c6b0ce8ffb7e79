package dev.cartwright.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process throttle under {@link LoginLimits#DEFAULT}, on a clock the test moves. */
class BucketLoginThrottleTest {

    private static final String ADA = "ada@example.com";
    private static final String HOME = "203.0.113.7";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final LoginThrottle throttle = LoginThrottle.inProcess(LoginLimits.DEFAULT, ticker);

    private void advance(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    @Test
    void fiveFailuresThenAWaitThatGrowsToThreeMinutesAndNoFurther() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(throttle.tryLogin(ADA, HOME).admitted()).as("attempt %d", attempt).isTrue();
        }
        LoginThrottle.Decision sixth = throttle.tryLogin(ADA, HOME);
        assertThat(sixth.admitted()).isFalse();
        assertThat(sixth.retryAfter()).isEqualTo(Duration.ofMinutes(1));

        List<Duration> waits = new ArrayList<>();
        for (int failure = 6; failure <= 60; failure++) {
            LoginThrottle.Decision decision = throttle.tryLogin(ADA, HOME);
            while (!decision.admitted()) {
                waits.add(decision.retryAfter());
                advance(decision.retryAfter());
                decision = throttle.tryLogin(ADA, HOME);
            }
        }
        assertThat(waits).as("the wait grows").contains(Duration.ofMinutes(1)).anyMatch(wait ->
                wait.compareTo(Duration.ofMinutes(2)) > 0);
        assertThat(waits).as("but never past three minutes").allMatch(wait ->
                wait.compareTo(Duration.ofMinutes(3)) <= 0);
    }

    @Test
    void aLoginForgetsTheAccountsFailuresAndGivesTheAddressItsAttemptBack() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            throttle.tryLogin(ADA, HOME);
        }
        assertThat(throttle.tryLogin(ADA, HOME).admitted()).isTrue();
        throttle.loggedIn(ADA, HOME);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(throttle.tryLogin(ADA, HOME).admitted()).as("after the login, attempt %d", attempt).isTrue();
        }
        assertThat(throttle.tryLogin(ADA, HOME).admitted()).isFalse();
    }

    @Test
    void anAccountIsLimitedWhateverAddressTheGuessesComeFrom() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(throttle.tryLogin(ADA, "198.51.100." + attempt).admitted()).isTrue();
        }
        assertThat(throttle.tryLogin(ADA, "198.51.100.99").admitted()).isFalse();
        assertThat(throttle.tryLogin("bob@example.com", "198.51.100.99").admitted()).as("other accounts go on")
                .isTrue();
    }

    @Test
    void anAddressHasFiftyFailuresAcrossAccountsAndOtherAddressesTheirOwn() {
        for (int account = 1; account <= 50; account++) {
            assertThat(throttle.tryLogin("user" + account + "@example.com", HOME).admitted()).isTrue();
        }
        LoginThrottle.Decision refused = throttle.tryLogin("user51@example.com", HOME);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(18)); // 50 per 15 minutes, refilled evenly
        assertThat(throttle.tryRegister(HOME).admitted()).as("registrations share the address's budget").isFalse();
        assertThat(throttle.tryLogin("user51@example.com", "198.51.100.1").admitted()).isTrue();
        assertThat(throttle.tryRegister("198.51.100.1").admitted()).isTrue();
        advance(Duration.ofSeconds(18));
        assertThat(throttle.tryLogin("user51@example.com", HOME).admitted()).isTrue();
    }

    @Test
    void anAccountRefusedDoesNotSpendTheAddresssBudget() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            throttle.tryLogin(ADA, HOME);
        }
        for (int attempt = 1; attempt <= 100; attempt++) {
            assertThat(throttle.tryLogin(ADA, HOME).admitted()).isFalse();
        }
        for (int account = 1; account <= 45; account++) {
            assertThat(throttle.tryLogin("user" + account + "@example.com", HOME).admitted())
                    .as("account %d", account).isTrue();
        }
        assertThat(throttle.tryLogin("user46@example.com", HOME).admitted()).isFalse();
    }

    @Test
    void refundsGiveBackWhatAClaimTook() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            throttle.tryLogin(ADA, HOME);
            throttle.refundLogin(ADA, HOME);
        }
        for (int registration = 1; registration <= 60; registration++) {
            assertThat(throttle.tryRegister(HOME).admitted()).isTrue();
            throttle.refundRegistration(HOME);
        }
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(throttle.tryLogin(ADA, HOME).admitted()).isTrue();
        }
        assertThat(throttle.tryLogin(ADA, HOME).admitted()).isFalse();
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64() {
        assertThat(BucketLoginThrottle.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(BucketLoginThrottle.addressKey("[2001:db8:1:2::1%eth0]")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(BucketLoginThrottle.addressKey("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(BucketLoginThrottle.addressKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(BucketLoginThrottle.addressKey("not:an address")).isEqualTo("not:an address");
        for (int host = 1; host <= 50; host++) {
            assertThat(throttle.tryRegister("2001:db8::" + Integer.toHexString(host)).admitted()).isTrue();
        }
        assertThat(throttle.tryRegister("2001:db8::ffff").admitted()).as("the same /64").isFalse();
        assertThat(throttle.tryRegister("2001:db8:0:1::1").admitted()).as("the next /64").isTrue();
    }

    @Test
    void anIdleKeyIsForgottenOnlyOnceItsBudgetWouldBeFullAgain() {
        LoginThrottle small = LoginThrottle.inProcess(new LoginLimits(
                List.of(new LoginLimits.Limit(1, Duration.ofMinutes(10))),
                List.of(new LoginLimits.Limit(100, Duration.ofMinutes(1))), 2), ticker);
        assertThat(small.tryLogin(ADA, HOME).admitted()).isTrue();
        advance(Duration.ofMinutes(9));
        assertThat(small.tryLogin(ADA, HOME).admitted()).isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(small.tryLogin(ADA, HOME).admitted()).isTrue();
    }
}
