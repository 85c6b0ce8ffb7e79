package dev.cartwright.event;

/**
 * Receives the events that Cartwright publishes, after the change they report has committed. Delivery is at
 * least once: a listener may see an event again (after it or another listener threw), so it should be
 * idempotent. Called outside any transaction, possibly from several threads.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * @param event the event
     * @throws RuntimeException to have the event delivered again later, after the {@link RetrySchedule}'s wait;
     *     once it has failed {@link RetrySchedule#maxAttempts()} times it is parked for staff
     *     ({@link ParkedEvents}). Anything else thrown, an {@link Error} too, counts the same and never reaches
     *     the caller of the service that published the event
     */
    void onEvent(CommerceEvent event);
}
