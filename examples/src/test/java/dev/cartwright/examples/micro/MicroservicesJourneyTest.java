package dev.cartwright.examples.micro;

import java.util.UUID;

/** The journey on an in-memory H2 database per service. */
class MicroservicesJourneyTest extends MicroservicesJourneyContract {

    private final String run = UUID.randomUUID().toString();

    @Override
    protected String databaseUrl(String service) {
        return "jdbc:h2:mem:" + service + "-" + run + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
    }
}
