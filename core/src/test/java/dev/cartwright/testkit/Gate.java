package dev.cartwright.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds the first {@code parties} threads that {@link #pass()} it until the test {@link #open()}s it; later
 * threads pass at once. Lets a test put two callers at the same point (at the gateway, say) and then release them.
 */
final class Gate {

    private static final long WAIT_SECONDS = 20;

    private final int parties;
    private final AtomicInteger arrivals = new AtomicInteger();
    private final CountDownLatch arrived;
    private final CountDownLatch opened = new CountDownLatch(1);

    Gate(int parties) {
        this.parties = parties;
        this.arrived = new CountDownLatch(parties);
    }

    /** Waits here until the gate opens, if this is one of the first {@code parties} arrivals. */
    void pass() {
        if (arrivals.incrementAndGet() > parties) {
            return;
        }
        arrived.countDown();
        await(opened, "the test to open the gate");
    }

    /** Waits until the first {@code parties} threads are held at the gate. */
    void awaitHeld() {
        await(arrived, parties + " threads at the gate");
    }

    void open() {
        opened.countDown();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("gave up waiting for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
