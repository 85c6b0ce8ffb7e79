package dev.cartwright.examples.micro;

import dev.cartwright.examples.server.ApiServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running microservice: its HTTP server and what it runs on. {@link #close()} stops taking requests, lets
 * those in flight finish, then closes the rest in the reverse of the order they were opened.
 */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final String name;
    private final ApiServer server;
    private final String adminToken;
    private final List<AutoCloseable> resources;

    RunningService(String name, ApiServer server, String adminToken, List<AutoCloseable> resources) {
        this.name = name;
        this.server = server;
        this.adminToken = adminToken;
        this.resources = new ArrayList<>(resources);
    }

    /** @return its name, such as {@code order-service} */
    public String name() {
        return name;
    }

    /** @return the port it listens on */
    public int port() {
        return server.port();
    }

    /** @return its base URL on this host */
    public URI url() {
        return URI.create("http://localhost:" + server.port());
    }

    /** @return the bearer token of its admin routes */
    public String adminToken() {
        return adminToken;
    }

    @Override
    public void close() {
        LOG.info("{} stopping: finishing requests in flight", name);
        server.close();
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("{}: closing {} failed: {}", name, resource, e.toString());
            }
        }
        LOG.info("{} stopped", name);
    }
}
