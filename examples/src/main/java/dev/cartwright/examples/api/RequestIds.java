package dev.cartwright.examples.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** Gives every request an id: the client's {@code X-Request-Id} if it is sane, else a new UUID; echoed back. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:=-]{1,100}");

    private RequestIds() {
    }

    static void assign(Exchange ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.requestId(id);
        ctx.header(HEADER, id);
    }
}
