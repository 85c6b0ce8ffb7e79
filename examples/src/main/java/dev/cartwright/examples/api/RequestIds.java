package dev.cartwright.examples.api;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the client's {@code X-Request-Id} if it is sane, else a new UUID; echoed back. While
 * {@link ShopApi} handles a request, {@link #current()} tells its id to code on the handling thread, so calls to
 * other services carry it on.
 */
public final class RequestIds {

    /** The header that carries a request's id, in and out. */
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:=-]{1,100}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** @return the id of the request this thread is handling in {@link ShopApi}, or empty outside one */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void assign(Exchange ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.requestId(id);
        ctx.header(HEADER, id);
    }

    /** Makes {@code id} the {@link #current()} one on this thread, until {@link #clear()}. */
    static void bind(String id) {
        CURRENT.set(id);
    }

    /** Forgets the current request's id, once the thread is done with it. */
    static void clear() {
        CURRENT.remove();
    }
}
