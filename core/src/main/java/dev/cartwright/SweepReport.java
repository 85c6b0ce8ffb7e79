package dev.cartwright;

import java.util.Map;

/**
 * What one round of {@link Commerce#runSweeps()} did.
 *
 * @param checkoutsRecovered orders that learned their payment's outcome or finished cancelling
 *     ({@link dev.cartwright.order.Checkout#recover()})
 * @param unpaidOrdersExpired orders cancelled, and their stock released, because their payment window ended
 *     without an approved payment ({@link dev.cartwright.order.Checkout#expireUnpaid()})
 * @param eventsDelivered events delivered again from the outbox ({@link Commerce#deliverEvents()})
 * @param sessionsPurged ended sessions removed ({@link dev.cartwright.customer.Accounts#purgeExpiredSessions()})
 * @param failures each sweep that failed this round, by name ({@code recover}, {@code expireUnpaid},
 *     {@code deliverEvents}, {@code purgeExpiredSessions}), with what it threw; the next round tries it again
 */
public record SweepReport(int checkoutsRecovered, int unpaidOrdersExpired, int eventsDelivered, int sessionsPurged,
        Map<String, RuntimeException> failures) {

    /** Copies the failures. */
    public SweepReport {
        failures = Map.copyOf(failures);
    }

    /** @return whether every sweep ran to its end */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** @return whether any sweep changed or delivered something */
    public boolean didAnything() {
        return checkoutsRecovered + unpaidOrdersExpired + eventsDelivered + sessionsPurged > 0;
    }
}
