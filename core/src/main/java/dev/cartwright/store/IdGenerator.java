package dev.cartwright.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Names new things without asking the database. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IdGenerator {

    /** @return a new identifier, never returned before */
    UUID next();

    /**
     * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds from {@code clock}
     * followed by 74 random bits, so ids from separate processes do not collide and sort
     * roughly by creation, which keeps B-tree inserts local. The random bits come from a
     * generator per thread seeded from {@link SecureRandom}: ids need to be unique, not secret
     * (nothing in Cartwright grants access by knowing an id), and drawing every id from the
     * operating system's entropy would serialize threads on one lock.
     *
     * @param clock the time source
     * @return a thread-safe generator
     */
    static IdGenerator timeOrdered(Clock clock) {
        SecureRandom seeds = new SecureRandom();
        ThreadLocal<SplittableRandom> random = ThreadLocal.withInitial(() -> {
            synchronized (seeds) {
                return new SplittableRandom(seeds.nextLong());
            }
        });
        return () -> {
            long millis = clock.millis();
            SplittableRandom bits = random.get();
            long randomHigh = bits.nextLong();
            long randomLow = bits.nextLong();
            long mostSignificant = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
            long leastSignificant = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return new UUID(mostSignificant, leastSignificant);
        };
    }
}
