package dev.cartwright.examples.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@link LoginThrottle} on Bucket4j: one token bucket per account and one per client address, each with the
 * {@link LoginLimits}' bandwidths, held in Caffeine maps bounded in size and forgetting a key once its bucket would
 * be full again. An IPv6 address counts as its {@code /64}, the block one subscriber is usually given, so rotating
 * through one's own block gains nothing. Thread-safe.
 */
final class BucketLoginThrottle implements LoginThrottle {

    private static final int IPV6_SUBSCRIBER_BYTES = 8;

    private final LoginLimits limits;
    private final TimeMeter time;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    BucketLoginThrottle(LoginLimits limits, Ticker ticker) {
        this.limits = limits;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return ticker.read();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.accounts = buckets(limits.perAccount(), limits.maxTracked(), ticker);
        this.addresses = buckets(limits.perAddress(), limits.maxTracked(), ticker);
    }

    private static Cache<String, Bucket> buckets(List<LoginLimits.Limit> limits, int maxTracked, Ticker ticker) {
        return Caffeine.newBuilder().maximumSize(maxTracked).expireAfterAccess(LoginLimits.refillTime(limits))
                .ticker(ticker).build();
    }

    @Override
    public Decision tryLogin(String account, String clientAddress) {
        Bucket address = address(clientAddress);
        ConsumptionProbe byAddress = address.tryConsumeAndReturnRemaining(1);
        if (!byAddress.isConsumed()) {
            return refused(byAddress);
        }
        ConsumptionProbe byAccount = accounts.get(account, key -> bucket(limits.perAccount()))
                .tryConsumeAndReturnRemaining(1);
        if (!byAccount.isConsumed()) {
            // Refused before hashing: nothing was spent, so the address is not charged for it.
            address.addTokens(1);
            return refused(byAccount);
        }
        return Decision.ADMITTED;
    }

    @Override
    public void loggedIn(String account, String clientAddress) {
        Bucket failures = accounts.getIfPresent(account);
        if (failures != null) {
            failures.reset();
        }
        address(clientAddress).addTokens(1);
    }

    @Override
    public Decision tryRegister(String clientAddress) {
        ConsumptionProbe probe = address(clientAddress).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Decision.ADMITTED : refused(probe);
    }

    @Override
    public void refundLogin(String account, String clientAddress) {
        Bucket failures = accounts.getIfPresent(account);
        if (failures != null) {
            failures.addTokens(1);
        }
        address(clientAddress).addTokens(1);
    }

    @Override
    public void refundRegistration(String clientAddress) {
        address(clientAddress).addTokens(1);
    }

    private Bucket address(String clientAddress) {
        return addresses.get(addressKey(clientAddress), key -> bucket(limits.perAddress()));
    }

    private Bucket bucket(List<LoginLimits.Limit> bandwidths) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        for (LoginLimits.Limit limit : bandwidths) {
            builder.addLimit(bandwidth -> bandwidth.capacity(limit.attempts())
                    .refillGreedy(limit.attempts(), limit.per()));
        }
        return builder.build();
    }

    private static Decision refused(ConsumptionProbe probe) {
        return Decision.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** @return the address as counted: an IPv6 address as its /64, anything else as given */
    static String addressKey(String clientAddress) {
        if (clientAddress.indexOf(':') < 0) {
            return clientAddress;
        }
        String literal = clientAddress.replaceFirst("^\\[", "").replaceFirst("(%.*)?]?$", "");
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return clientAddress;
        }
        try {
            // A literal of hex digits, colons and dots is parsed, never looked up.
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            Arrays.fill(bytes, IPV6_SUBSCRIBER_BYTES, bytes.length, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return clientAddress;
        }
    }
}
