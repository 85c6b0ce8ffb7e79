package dev.cartwright.examples.monolith;

import dev.cartwright.examples.api.ApiHost;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The monolith on a random port as an {@link ApiHost}; closing it stops the monolith. */
record MonolithHost(Monolith monolith) implements ApiHost {

    static final String ADMIN = "test-admin-token";

    /** @return a monolith on a random port over a fresh in-memory H2 database */
    static MonolithHost start() {
        return start(Set.of());
    }

    /** @return a monolith as {@link #start()} does, believing {@code X-Forwarded-Proto} from these addresses */
    static MonolithHost start(Set<String> trustedProxies) {
        String url = "jdbc:h2:mem:monolith-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return new MonolithHost(Monolith.start(Settings.fromEnvironment(Map.of()).withPort(0).withDatabaseUrl(url)
                .withAdminToken(ADMIN).withPasswordIterations(1_000).withTrustedProxies(trustedProxies)));
    }

    @Override
    public URI baseUri() {
        return URI.create("http://localhost:" + monolith.port());
    }

    @Override
    public String adminToken() {
        return monolith.adminToken();
    }

    @Override
    public void close() {
        monolith.close();
    }
}
