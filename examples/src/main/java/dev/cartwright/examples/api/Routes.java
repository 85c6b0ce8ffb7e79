package dev.cartwright.examples.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shop's route table: method and path pattern to handler, plus filters that run before every route under a
 * prefix. A pattern is literal segments and {@code {name}} segments, each matching one non-empty segment of the
 * path as sent (percent-encoded), decoded after the path is split, so an encoded slash stays in its segment. Routes are matched
 * in the order added; {@link #match} tells an unknown path from a known path with another method. {@code HEAD}
 * matches every {@code GET} route (the caller answers it without a body), and is allowed wherever {@code GET} is.
 * Filled once, then only read: safe to share between threads after that.
 */
public final class Routes {

    /** Handles one call: reads the exchange's request, sets its response, or throws. */
    @FunctionalInterface
    public interface Handler {
        /** @param exchange the call */
        void handle(Exchange exchange);
    }

    private record Route(String method, String pattern, List<String> segments, Handler handler) {
    }

    private record Filter(String prefix, Handler handler) {
    }

    /** What the table found for a method and a path. */
    sealed interface Match {
    }

    /** A route: its handler, the filters to run first, and its path parameters. */
    record Found(String pattern, Handler handler, List<Handler> filters, Map<String, String> params)
            implements Match {
    }

    /** No route has the path. */
    record NoSuchPath() implements Match {
    }

    /** Routes have the path, but not with this method. */
    record MethodNotAllowed(Set<String> allowed) implements Match {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Filter> filters = new ArrayList<>();

    /** Adds {@code GET pattern}. */
    public void get(String pattern, Handler handler) {
        add("GET", pattern, handler);
    }

    /** Adds {@code POST pattern}. */
    public void post(String pattern, Handler handler) {
        add("POST", pattern, handler);
    }

    /** Adds {@code PUT pattern}. */
    public void put(String pattern, Handler handler) {
        add("PUT", pattern, handler);
    }

    /** Adds {@code PATCH pattern}. */
    public void patch(String pattern, Handler handler) {
        add("PATCH", pattern, handler);
    }

    /** Adds {@code DELETE pattern}. */
    public void delete(String pattern, Handler handler) {
        add("DELETE", pattern, handler);
    }

    /**
     * Adds a filter that runs before every route whose pattern starts with {@code prefix}; a filter that throws
     * stops the call there.
     *
     * @param prefix such as {@code /admin/*}: the pattern's start, with {@code *} standing for the rest
     */
    public void before(String prefix, Handler handler) {
        filters.add(new Filter(prefix.endsWith("*") ? prefix.substring(0, prefix.length() - 1) : prefix, handler));
    }

    private void add(String method, String pattern, Handler handler) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a pattern starts with /: " + pattern);
        }
        routes.add(new Route(method, pattern, segments(pattern), handler));
    }

    /** @return the route for the method and path ({@code HEAD} finds the {@code GET} route), or why there is none */
    Match match(String method, String path) {
        List<String> segments = segments(path);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = params(route.segments(), segments);
            if (params.isEmpty()) {
                continue;
            }
            if (route.method().equals(method) || route.method().equals("GET") && method.equals("HEAD")) {
                List<Handler> before = filters.stream().filter(filter -> route.pattern().startsWith(filter.prefix()))
                        .map(Filter::handler).toList();
                return new Found(route.pattern(), route.handler(), before, params.get());
            }
            allowed.add(route.method());
            if (route.method().equals("GET")) {
                allowed.add("HEAD");
            }
        }
        return allowed.isEmpty() ? new NoSuchPath() : new MethodNotAllowed(allowed);
    }

    /** @return every method and pattern, in the order added, such as {@code GET /products/{id}} */
    public List<String> describe() {
        return routes.stream().map(route -> route.method() + " " + route.pattern()).toList();
    }

    private static Optional<Map<String, String>> params(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            String actual = decode(path.get(i));
            if (actual == null) {
                return Optional.empty();
            }
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** @return the segment with its percent escapes decoded ({@code +} stays a plus), or null if one is broken */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Splits a path at its slashes; a trailing slash does not make a segment. */
    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }
}
