package dev.cartwright.examples.monolith;

import dev.cartwright.error.CommerceException;
import dev.cartwright.error.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response: {@code type}, {@code title},
 * {@code status}, {@code detail}, plus {@code code} (the {@link ErrorCode}), {@code field} (the offending input,
 * or null) and {@code requestId}. {@link #STATUS} is the one table from error code to HTTP status.
 * Transport failures that no service raised use the nearest code: an unknown route is {@code NOT_FOUND} (404),
 * a body over the size limit is {@code VALIDATION} with status 413, a body that is not JSON is
 * {@code VALIDATION} with status 415, a wrong method is {@code NOT_FOUND} with 405. Anything unexpected is
 * logged with its stack trace and answered 500 with code {@code INTERNAL} and no detail.
 */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";

    /** The single error code to HTTP status table. */
    static final Map<ErrorCode, Integer> STATUS = table();

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    private static Map<ErrorCode, Integer> table() {
        Map<ErrorCode, Integer> status = new EnumMap<>(ErrorCode.class);
        status.put(ErrorCode.VALIDATION, 400);
        status.put(ErrorCode.UNAUTHENTICATED, 401);
        status.put(ErrorCode.FORBIDDEN, 403);
        status.put(ErrorCode.NOT_FOUND, 404);
        status.put(ErrorCode.CONFLICT, 409);
        status.put(ErrorCode.IN_PROGRESS, 409);
        status.put(ErrorCode.INVALID_TRANSITION, 409);
        status.put(ErrorCode.INSUFFICIENT_STOCK, 422);
        status.put(ErrorCode.PAYMENT_DECLINED, 422);
        status.put(ErrorCode.PROMOTION_NOT_APPLICABLE, 422);
        status.put(ErrorCode.LIMIT_EXCEEDED, 422);
        status.put(ErrorCode.CURRENCY_MISMATCH, 422);
        status.put(ErrorCode.ARITHMETIC_OVERFLOW, 422);
        status.put(ErrorCode.PAYMENT_GATEWAY_UNAVAILABLE, 503);
        status.put(ErrorCode.STORAGE, 503);
        status.put(ErrorCode.STOCK_SERVICE_UNAVAILABLE, 503);
        for (ErrorCode code : ErrorCode.values()) {
            if (!status.containsKey(code)) {
                throw new IllegalStateException("no HTTP status for " + code);
            }
        }
        return Map.copyOf(status);
    }

    static void register(RoutesConfig routes) {
        routes.exception(CommerceException.class, (e, ctx) -> {
            int status = STATUS.get(e.code());
            if (status >= 500) {
                LOG.warn("{} {} failed: {}", RequestIds.of(ctx), ctx.path(), e.toString());
            }
            if (e.code() == ErrorCode.UNAUTHENTICATED) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            send(ctx, status, e.code().name(), e.field().orElse(null), e.getMessage());
        });
        routes.exception(Json.UnsupportedMediaType.class, (e, ctx) ->
                send(ctx, 415, ErrorCode.VALIDATION.name(), "Content-Type", e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> transport(ctx, e.getStatus()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} {} failed", RequestIds.of(ctx), ctx.method(), ctx.path(), e);
            send(ctx, 500, "INTERNAL", null, "an unexpected error occurred; quote the request id when reporting it");
        });
        routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                transport(ctx, 404);
            }
        });
        routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                transport(ctx, 405);
            }
        });
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(CONTENT_TYPE);
    }

    private static void transport(Context ctx, int status) {
        switch (status) {
            case 404 -> send(ctx, 404, ErrorCode.NOT_FOUND.name(), null, "no such route: " + ctx.method() + " " + ctx.path());
            case 405 -> send(ctx, 405, ErrorCode.NOT_FOUND.name(), null, ctx.method() + " is not allowed on " + ctx.path());
            case 413 -> send(ctx, 413, ErrorCode.VALIDATION.name(), "body", "the request body is too large");
            default -> send(ctx, status, status < 500 ? ErrorCode.VALIDATION.name() : "INTERNAL", null,
                    "the request could not be handled");
        }
    }

    static void send(Context ctx, int status, String code, String field, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://cartwright.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", title(code));
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        problem.put("field", field);
        problem.put("requestId", RequestIds.of(ctx));
        Json.send(ctx, status, problem);
        ctx.contentType(CONTENT_TYPE);
    }

    private static String title(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
