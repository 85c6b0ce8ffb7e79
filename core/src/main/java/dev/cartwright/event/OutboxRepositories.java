package dev.cartwright.event;

/** The repositories that {@link EventDelivery} and the services that publish events work on. */
public interface OutboxRepositories {

    /** @return the outbox */
    Outbox outbox();
}
